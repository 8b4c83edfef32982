package dev.specvlm.examples.cli;

import dev.specvlm.SpecVlmException;
import dev.specvlm.bench.e2e.BenchCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code specvlm} command line: {@code generate}, {@code verify}, {@code bench}, and subcommands other modules
 * add through {@link SubcommandDiscovery} (e.g. {@code distill}). Errors print the {@link SpecVlmException}'s
 * message, not a stack trace, and exit with the {@link ExitCodes} status.
 */
@Command(name = "specvlm", mixinStandardHelpOptions = true, versionProvider = SpecVlmCli.Version.class,
    description = {"Lossless speculative decoding (SpecVLM / EAGLE-2) for vision-language models on ONNX Runtime.",
        "Every command defaults to the bundled model, models/specvlm-tiny (run from the repository root)."},
    subcommands = {GenerateCommand.class, VerifyCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class},
    footer = {"", "Examples:",
        "  specvlm generate --image examples/scene.png \"Describe the image.\"",
        "  specvlm generate --stream -t 0.8 --seed 7 --image a.png --image b.png \"Compare the images.\"",
        "  specvlm verify --prompts models/specvlm-tiny/heldout",
        "  specvlm bench --prompts models/specvlm-tiny/heldout --repeats 3",
        "", "Exit status: 0 success, 1 a check failed, 2 usage error, 3 specvlm error (model, request, inference), "
            + "4 file error."})
public final class SpecVlmCli implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line with its subcommands (built-in and discovered) and error handling. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SpecVlmCli());
    SubcommandDiscovery.addTo(cli, SpecVlmCli.class.getClassLoader());
    if (!cli.getSubcommands().containsKey("distill")) {
      cli.addSubcommand("distill", new DistillUnavailableCommand());
    }
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof SpecVlmException) {
        cmd.getErr().println("error: " + e.getMessage());
        return ExitCodes.SPECVLM_ERROR;
      }
      if (e instanceof UncheckedIOException || e instanceof IOException) {
        cmd.getErr().println("error: " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : ""));
        return ExitCodes.IO_ERROR;
      }
      cmd.getErr().println("internal error (please report it with this trace):");
      e.printStackTrace(cmd.getErr());
      return ExitCodes.INTERNAL_ERROR;
    });
    return cli;
  }

  /**
   * Runs the command line and exits with its status. Library logging is limited to warnings unless the system property
   * {@code specvlm.verbose} is set ({@code java -Dspecvlm.verbose -jar specvlm.jar ...}).
   */
  public static void main(String[] args) {
    System.setProperty("java.awt.headless", "true");
    if (System.getProperty("specvlm.verbose") == null) {
      java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    }
    System.exit(commandLine().execute(args));
  }

  /** The version from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties p = new Properties();
      try (InputStream in = SpecVlmCli.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {"specvlm " + p.getProperty("version", "(unknown version)")};
    }
  }
}
