/** Small value types and services shared by every Runnel module. */
@NullMarked
package io.runnel.common;

import org.jspecify.annotations.NullMarked;
