package dev.specvlm.train.distill;

/**
 * The conversations of one distillation epoch, addressable by index so that an epoch can be shuffled and a run
 * resumed mid-epoch. Implementations must return the same conversation for the same index every time.
 */
public interface DistillationData {
  /** The number of conversations in an epoch. */
  int size();

  /** Conversation {@code index}, {@code 0 <= index < size()}. */
  Conversation get(int index);
}
