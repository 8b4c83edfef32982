package dev.specvlm.examples.cli;

/** The exit statuses of the {@code specvlm} command. */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;
  /** A check found a problem: {@code verify} found a divergence that is not a numeric tie, {@code bench} a run that
   * did not reproduce the autoregressive tokens. */
  public static final int CHECK_FAILED = 1;
  /** Bad command-line arguments (picocli's usage error). */
  public static final int USAGE = 2;
  /** specvlm refused or failed: a missing or invalid model folder, an invalid request, a model failing at run time. */
  public static final int SPECVLM_ERROR = 3;
  /** A file could not be read or written. */
  public static final int IO_ERROR = 4;
  /** An unexpected internal error (a bug: please report it with the printed stack trace). */
  public static final int INTERNAL_ERROR = 70;

  private ExitCodes() {}
}
