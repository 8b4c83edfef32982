package dev.specvlm.core.accept;

/**
 * What one verification round accepted: the tree path from the root through {@code a} accepted drafted nodes, and the
 * {@code a + 1} new tokens (the accepted drafted tokens followed by the bonus token sampled from the target).
 * Refilled by every {@link TreeAcceptor#accept} call; not thread-safe.
 */
public final class AcceptanceResult {
  private final int[] path; // [maxDepth + 1] tree node indices, path[0] = 0 (the root)
  private final int[] newTokens; // [maxDepth + 1] accepted drafted tokens, then the bonus token
  private int accepted;

  /** A result able to hold paths of up to {@code maxDepth} drafted tokens. */
  public AcceptanceResult(int maxDepth) {
    this.path = new int[maxDepth + 1];
    this.newTokens = new int[maxDepth + 1];
  }

  /** a: the number of drafted tokens accepted. */
  public int accepted() {
    return accepted;
  }

  /** The number of tokens this round adds to the output: {@code accepted() + 1}. */
  public int newTokenCount() {
    return accepted + 1;
  }

  /** The {@code i}-th new token, {@code i <= accepted()}; the last one is the bonus token. */
  public int newToken(int i) {
    return newTokens[i];
  }

  /** The bonus token. */
  public int bonus() {
    return newTokens[accepted];
  }

  /**
   * The tree node indices of the committed path, root first ({@code pathNodes()[0, accepted() + 1)}), strictly
   * increasing: the rows to keep in the target's KV cache. The array is owned by this result.
   */
  public int[] pathNodes() {
    return path;
  }

  /** The new tokens buffer, {@code [0, accepted() + 1)} valid; owned by this result. */
  public int[] newTokens() {
    return newTokens;
  }

  void start() {
    accepted = 0;
    path[0] = 0;
  }

  void acceptChild(int node, int token) {
    newTokens[accepted] = token;
    path[++accepted] = node;
  }

  void finish(int bonus) {
    newTokens[accepted] = bonus;
  }
}
