package dev.specvlm.examples.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Stands in for {@code specvlm distill} when {@code specvlm-train} (which brings the DJL training stack) is not on the
 * class path: it says how to run the distiller instead of failing with "unknown command".
 */
@Command(name = "distill", description = {"Distil a draft head (needs specvlm-train on the class path; this build "
    + "does not have it, see below)."})
final class DistillUnavailableCommand implements Callable<Integer> {
  /** What to do instead. */
  static final String MESSAGE = "error: 'distill' needs the specvlm-train module (DJL), which this command line does "
      + "not include. Run it from the repository root with: specvlm-train/distill.sh MODEL_DIR RUN_DIR [--epochs N] "
      + "[--compressor] [--write]   (or put specvlm-train and its dependencies on the class path of specvlm.jar)";

  @Parameters(arity = "0..*", hidden = true)
  List<String> ignored = List.of();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println(MESSAGE);
    return ExitCodes.SPECVLM_ERROR;
  }
}
