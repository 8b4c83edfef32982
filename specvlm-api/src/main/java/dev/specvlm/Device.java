package dev.specvlm;

import java.util.Objects;

/**
 * Where model execution runs. Immutable; create with {@link #cpu()}, {@link #cuda(int)} or {@link #cudaOrCpu(int)}.
 *
 * <p>A {@link #cuda(int)} request that cannot be honoured fails with {@link BackendUnavailableException} carrying
 * the runtime's reason (strict); a {@link #cudaOrCpu(int)} request falls back to the CPU and logs one warning with
 * the reason (lenient).
 */
public final class Device {
  /** The kind of execution a device stands for. */
  public enum Kind {
    /** The CPU execution provider. */
    CPU,
    /** The CUDA execution provider; failing if it cannot be used. */
    CUDA,
    /** The CUDA execution provider if usable, else the CPU with one logged warning. */
    CUDA_OR_CPU
  }

  private static final Device CPU = new Device(Kind.CPU, 0);

  private final Kind kind;
  private final int index;

  private Device(Kind kind, int index) {
    this.kind = kind;
    this.index = index;
  }

  /** The CPU. */
  public static Device cpu() {
    return CPU;
  }

  /**
   * CUDA device {@code index}, strictly: building a decoder fails if CUDA cannot be used.
   *
   * @throws InvalidRequestException if {@code index < 0}
   */
  public static Device cuda(int index) {
    return new Device(Kind.CUDA, checkIndex(index));
  }

  /**
   * CUDA device {@code index} if it can be used, else the CPU with one logged warning giving the reason.
   *
   * @throws InvalidRequestException if {@code index < 0}
   */
  public static Device cudaOrCpu(int index) {
    return new Device(Kind.CUDA_OR_CPU, checkIndex(index));
  }

  private static int checkIndex(int index) {
    if (index < 0) {
      throw new InvalidRequestException("CUDA device index must be >= 0, got " + index);
    }
    return index;
  }

  /** The kind of device requested. */
  public Kind kind() {
    return kind;
  }

  /** The CUDA device index; 0 for the CPU. */
  public int index() {
    return index;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Device d && d.kind == kind && d.index == index;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, index);
  }

  @Override
  public String toString() {
    return switch (kind) {
      case CPU -> "cpu";
      case CUDA -> "cuda:" + index;
      case CUDA_OR_CPU -> "cuda:" + index + " (else cpu)";
    };
  }
}
