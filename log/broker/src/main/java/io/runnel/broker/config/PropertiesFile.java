package io.runnel.broker.config;

import io.runnel.common.errors.InvalidConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A broker properties file, read with {@link Properties}' syntax one logical line at a time, so that every error
 * names the file and the line: a missing or unreadable file, a malformed {@code \\uXXXX} escape, and (through {@link
 * #lineOf}) a key whose value the broker refuses. Immutable.
 *
 * @param file the file as the user named it
 * @param values the keys and values, in file order (a repeated key keeps its last value, as {@link Properties} does)
 * @param lines the line each key was last set on (1-based)
 */
record PropertiesFile(Path file, Map<String, String> values, Map<String, Integer> lines) {
    PropertiesFile {
        values = Map.copyOf(values);
        lines = Map.copyOf(lines);
    }

    /**
     * Reads {@code file}.
     *
     * @throws InvalidConfigurationException naming the file (and the line, for a malformed line)
     */
    static PropertiesFile read(Path file) {
        List<String> physical = readLines(file);
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        int index = 0;
        while (index < physical.size()) {
            int first = index;
            StringBuilder logical = new StringBuilder(physical.get(index++));
            while (continues(logical) && index < physical.size()) {
                logical.append('\n').append(physical.get(index++));
            }
            Properties one = new Properties();
            try {
                one.load(new StringReader(logical.toString()));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(
                        "config file " + file + " line " + (first + 1) + ": " + reason(e) + ": " + physical.get(first));
            } catch (IOException e) {
                throw new IllegalStateException("reading a string cannot fail", e);
            }
            for (String key : one.stringPropertyNames()) {
                values.put(key, one.getProperty(key));
                lines.put(key, first + 1);
            }
        }
        return new PropertiesFile(file, values, lines);
    }

    /** {@code message} with where {@code key} was set in this file, if it was. */
    String locate(String key, String message) {
        Integer line = lines.get(key);
        return line == null ? message : message + " (" + file + " line " + line + ")";
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigurationException("config file " + file + " does not exist");
        } catch (AccessDeniedException e) {
            throw new InvalidConfigurationException("config file " + file + " cannot be read: permission denied");
        } catch (CharacterCodingException e) {
            throw new InvalidConfigurationException("config file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidConfigurationException("config file " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** Whether a line ends with an odd number of backslashes: {@link Properties} continues it on the next line. */
    private static boolean continues(CharSequence line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1 && !isComment(line);
    }

    private static boolean isComment(CharSequence line) {
        String text = line.toString().stripLeading();
        return text.startsWith("#") || text.startsWith("!");
    }

    private static String reason(IllegalArgumentException e) {
        String message = e.getMessage();
        return message != null && message.contains("\\uxxxx")
                ? "malformed \\uXXXX escape"
                : (message == null ? "malformed line" : message);
    }
}
