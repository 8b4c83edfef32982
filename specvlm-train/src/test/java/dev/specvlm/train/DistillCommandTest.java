package dev.specvlm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DistillCommandTest {
  private static int run(StringWriter err, String... args) {
    CommandLine cli = new CommandLine(new DistillCommand());
    cli.setErr(new PrintWriter(err, true));
    cli.setOut(new PrintWriter(new StringWriter(), true));
    return cli.execute(args);
  }

  @Test
  void isListedForTheCommandLine() throws IOException {
    try (InputStream in = DistillCommand.class.getResourceAsStream("/META-INF/specvlm/cli-subcommands")) {
      assertTrue(new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(DistillCommand.class.getName()));
    }
    assertEquals("distill", DistillCommand.class.getAnnotation(CommandLine.Command.class).name());
  }

  @Test
  void badArguments_areUsageErrors() {
    StringWriter err = new StringWriter();
    assertEquals(2, run(err, "only-one-folder"));
    assertEquals(2, run(err, "a", "b", "--epochs", "0"));
    assertTrue(err.toString().contains("--epochs"), err.toString());
    assertEquals(2, run(err, "a", "b", "--no-such-option"));
    assertEquals(0, run(err, "--help"));
  }
}
