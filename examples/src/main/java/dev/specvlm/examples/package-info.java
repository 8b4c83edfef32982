/** Runnable examples and the specvlm command line. */
@NullMarked
package dev.specvlm.examples;

import org.jspecify.annotations.NullMarked;
