package dev.specvlm.onnx.graph;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One dimension of a declared graph input or output: a fixed size, or a symbolic name that ONNX Runtime binds at run
 * time (dimensions with the same name must agree across inputs and outputs).
 *
 * @param value the fixed size, or -1 when symbolic
 * @param name the symbolic name, or null when fixed
 */
public record Dim(long value, @Nullable String name) {

  /** Validates: exactly one of a non-negative value and a non-blank name. */
  public Dim {
    if (name == null ? value < 0 : (value != -1 || name.isBlank())) {
      throw new IllegalArgumentException(
          "a Dim is either a fixed size >= 0 or a non-blank symbolic name, got value=" + value + " name=" + name);
    }
  }

  /** A fixed dimension of {@code size} elements. */
  public static Dim of(long size) {
    return new Dim(size, null);
  }

  /** A symbolic dimension called {@code name}, e.g. {@code "q"} or {@code "past"}. */
  public static Dim named(String name) {
    return new Dim(-1, Objects.requireNonNull(name, "name"));
  }

  /** Whether this dimension is symbolic. */
  public boolean isSymbolic() {
    return name != null;
  }

  @Override
  public String toString() {
    return name != null ? name : Long.toString(value);
  }
}
