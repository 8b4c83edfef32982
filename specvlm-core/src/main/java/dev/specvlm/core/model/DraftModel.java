package dev.specvlm.core.model;

/** The EAGLE draft head. Thread-safe; per-generation state lives in {@link DraftState}. */
public interface DraftModel {
  /**
   * Creates the KV state of one generation.
   *
   * @param capacity the most stable (committed) positions
   * @param maxTentative the most tentative (tree) positions alive at once
   */
  DraftState newState(int capacity, int maxTentative);
}
