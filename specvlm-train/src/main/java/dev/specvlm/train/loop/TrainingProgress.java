package dev.specvlm.train.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;

/**
 * The progress of a training run: a console bar (work done of the total, speed, ETA, and a message with step and loss
 * parts) and, every {@code logEvery} steps, a plain line appended to a log file, which survives where a console bar
 * does not (nohup, CI). Resumed runs start the bar where the checkpoint left off. Not thread-safe; close it at the end.
 */
public final class TrainingProgress implements AutoCloseable {
  private final @Nullable ProgressBar bar;
  private final @Nullable Writer log;
  private final int logEvery;
  private final String unit;
  private final long startNanos = System.nanoTime();
  private final long startDone;

  /**
   * @param task the bar's name
   * @param total the work of the whole run, in {@code unit}s
   * @param done work already done by earlier (resumed) runs
   * @param unit what the work is counted in ("pos", "samples")
   * @param logFile where plain progress lines go, or null for none
   * @param logEvery a log line every this many steps
   * @param showBar whether to draw the console bar (off in tests)
   */
  public TrainingProgress(String task, long total, long done, String unit, @Nullable Path logFile, int logEvery,
      boolean showBar) {
    this.unit = unit;
    this.logEvery = Math.max(1, logEvery);
    this.startDone = done;
    this.bar = showBar ? new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
        .setStyle(ProgressBarStyle.ASCII).setUnit(" " + unit, 1).showSpeed().setUpdateIntervalMillis(2000)
        .startsFrom(done, Duration.ZERO).build() : null;
    try {
      this.log = logFile == null ? null : Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open training log " + logFile, e);
    }
  }

  /**
   * Records a finished step.
   *
   * @param step the step number (1-based)
   * @param done total work done so far, in units
   * @param total the run's total work
   * @param message loss parts and anything else worth showing, e.g. {@code "loss 2.31 lr 1.0e-3"}
   */
  public void step(long step, long done, long total, String message) {
    if (bar != null) {
      bar.stepTo(done);
      bar.setExtraMessage("step " + step + " " + message);
    }
    if (log != null && step % logEvery == 0) {
      double seconds = (System.nanoTime() - startNanos) / 1e9;
      double speed = (done - startDone) / Math.max(seconds, 1e-9);
      double eta = speed > 0 ? (total - done) / speed : Double.NaN;
      line(String.format(Locale.ROOT, "step %d  %s  %d/%d %s  %.0f %s/s  elapsed %s  eta %s", step, message, done,
          total, unit, speed, unit, hms(seconds), hms(eta)));
    }
  }

  /** Appends {@code text} to the log (and prints it when there is no log). */
  public void line(String text) {
    if (log == null) {
      System.out.println(text);
      return;
    }
    try {
      log.write(text);
      log.write('\n');
      log.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the training log", e);
    }
  }

  private static String hms(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
    if (log != null) {
      try {
        log.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close the training log", e);
      }
    }
  }
}
