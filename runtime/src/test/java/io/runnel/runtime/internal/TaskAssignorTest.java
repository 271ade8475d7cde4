package io.runnel.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.runnel.streams.processor.TaskId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TaskAssignorTest {

    private static Set<TaskId> tasks(int subtopologies, int partitions) {
        Set<TaskId> out = new HashSet<>();
        for (int s = 0; s < subtopologies; s++) {
            for (int p = 0; p < partitions; p++) {
                out.add(new TaskId(s, p));
            }
        }
        return out;
    }

    @Test
    void shouldGiveEveryTaskToExactlyOneThreadWhenDealing() {
        Set<TaskId> all = tasks(2, 3);

        List<Set<TaskId>> shares = TaskAssignor.roundRobin().assign(all, 4);

        assertThat(shares).hasSize(4);
        Set<TaskId> seen = new HashSet<>();
        shares.forEach(share -> share.forEach(t -> assertThat(seen.add(t)).isTrue()));
        assertThat(seen).isEqualTo(all);
    }

    @Test
    void shouldSpreadEachSubtopologyEvenlyWhenThreadsDivideIt() {
        List<Set<TaskId>> shares = TaskAssignor.roundRobin().assign(tasks(2, 4), 2);

        for (Set<TaskId> share : shares) {
            assertThat(share).hasSize(4);
            assertThat(share.stream().filter(t -> t.subtopology() == 0)).hasSize(2);
        }
    }

    @Test
    void shouldLeaveThreadsIdleWhenThereAreFewerTasks() {
        List<Set<TaskId>> shares = TaskAssignor.roundRobin().assign(tasks(1, 1), 3);

        assertThat(shares.get(0)).containsExactly(new TaskId(0, 0));
        assertThat(shares.get(1)).isEmpty();
        assertThat(shares.get(2)).isEmpty();
    }
}
