package dev.specvlm.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.onnx.TestModels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SpecVlmCliTest {
  @TempDir static Path dir;
  static Path model;
  static Path image;

  /** What one run printed and returned. */
  record Run(int status, String out, String err) {}

  @BeforeAll
  static void fixture() throws IOException {
    model = TestModels.writePredictable(dir.resolve("model"), 42, 0.15f);
    image = dir.resolve("scene.png");
    BufferedImage im = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
    im.setRGB(5, 5, 0xff0000);
    ImageIO.write(im, "png", image.toFile());
  }

  static Run run(String... args) {
    CommandLine cli = SpecVlmCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  @Test
  void help_topLevel_listsCommandsExamplesAndExitCodes() {
    Run r = run("--help");
    assertEquals(0, r.status());
    for (String s : List.of("generate", "verify", "bench", "echo", "Examples:", "Exit status", "models/specvlm-tiny")) {
      assertTrue(r.out().contains(s), s + " in:\n" + r.out());
    }
    Run g = run("generate", "--help");
    assertEquals(0, g.status());
    for (String s : List.of("--image", "--stream", "--no-compare", "--temperature", "--budget", "--mode", "--seed")) {
      assertTrue(g.out().contains(s), s + " in:\n" + g.out());
    }
    assertEquals(0, run("verify", "--help").status());
    assertTrue(run("bench", "--help").out().contains("--prompts"));
    assertTrue(run("--version").out().startsWith("specvlm "));
  }

  @Test
  void distill_withoutTheTrainingModule_saysHowToRunIt() {
    Run r = run("distill", "models/specvlm-tiny", "run");
    assertEquals(ExitCodes.SPECVLM_ERROR, r.status());
    assertTrue(r.err().contains("specvlm-train/distill.sh"), r.err());
    assertTrue(run("--help").out().contains("distill"));
  }

  @Test
  void parse_generateFlags_becomeTheConfiguration() {
    GenerateCommand g = new GenerateCommand();
    new CommandLine(g).parseArgs("-n", "40", "-t", "0.7", "--top-k", "20", "--top-p", "0.9", "--min-p", "0.05",
        "--repetition-penalty", "1.1", "--seed", "9", "--mode", "static", "--budget", "4/8/3", "--stream",
        "--image", "a.png", "--image", "b.png", "What", "is", "this?");
    GenerationConfig c = g.sampling.config();
    assertEquals(40, c.maxNewTokens());
    assertEquals(0.7, c.temperature());
    assertEquals(20, c.topK());
    assertEquals(0.9, c.topP());
    assertEquals(0.05, c.minP());
    assertEquals(1.1, c.repetitionPenalty());
    assertEquals(9, c.seed().getAsLong());
    assertEquals(SpeculationMode.STATIC_TREE, c.speculation());
    assertEquals(TreeBudget.of(4, 8, 3), c.treeBudget());
    assertTrue(g.stream);
    assertEquals(List.of(Path.of("a.png"), Path.of("b.png")), g.images);
    assertEquals(List.of("What", "is", "this?"), g.words);
    GenerateCommand defaults = new GenerateCommand();
    new CommandLine(defaults).parseArgs();
    assertEquals(TreeBudget.auto(), defaults.sampling.config().treeBudget());
    assertEquals(Path.of("models/specvlm-tiny"), defaults.model.model());
  }

  @Test
  void generate_missingModelFolder_explainsWhatToDo() {
    Run bundled = run("generate", "hello");
    assertEquals(ExitCodes.SPECVLM_ERROR, bundled.status());
    assertTrue(bundled.err().startsWith("error: model folder models/specvlm-tiny does not exist"), bundled.err());
    assertTrue(bundled.err().contains("run from the repository root") && bundled.err().contains("--model"),
        bundled.err());
    assertFalse(bundled.err().contains("\tat "), "no stack trace");
    Run other = run("generate", "--model", dir.resolve("nothing").toString(), "hello");
    assertEquals(ExitCodes.SPECVLM_ERROR, other.status());
    assertTrue(other.err().contains("does not exist; pass --model <folder holding specvlm.json>"), other.err());
    assertEquals(ExitCodes.SPECVLM_ERROR, run("bench", "--model", dir.resolve("nothing").toString()).status());
  }

  @Test
  void generate_badArguments_failWithUsageOrMessage() {
    assertEquals(ExitCodes.USAGE, run("generate", "--no-such-flag").status());
    Run budget = run("generate", "--model", model.toString(), "--budget", "big", "hi");
    assertEquals(ExitCodes.SPECVLM_ERROR, budget.status());
    assertTrue(budget.err().contains("use auto, eagle or K/T/D"), budget.err());
    Run temperature = run("generate", "--model", model.toString(), "-t", "-1", "hi");
    assertTrue(temperature.err().contains("temperature must be"), temperature.err());
    Run missingImage = run("generate", "--model", model.toString(), "--image", "nope.png", "hi");
    assertTrue(missingImage.err().contains("image nope.png not found"), missingImage.err());
  }

  @Test
  void generate_fixtureModel_printsTextSigmaAndSpeedup() {
    Run r = run("generate", "--model", model.toString(), "--threads", "1", "--image", image.toString(), "-n", "12",
        "--ignore-eos", "describe", "the", "image");
    assertEquals(0, r.status(), r.err());
    assertFalse(r.out().isBlank());
    assertTrue(r.err().contains("12 tokens (LENGTH)"), r.err());
    assertTrue(r.err().contains("σ = ") && r.err().contains("tree budget K="), r.err());
    assertTrue(r.err().contains("speedup over autoregressive: ") && r.err().contains("same tokens"), r.err());
    Run streamed = run("generate", "--model", model.toString(), "--threads", "1", "--image", image.toString(), "-n",
        "12", "--ignore-eos", "--stream", "--no-compare", "describe", "the", "image");
    assertEquals(0, streamed.status(), streamed.err());
    assertEquals(r.out().strip(), streamed.out().strip(), "streamed text is the final text");
    assertFalse(streamed.err().contains("speedup"), "--no-compare skips the autoregressive run");
  }

  @Test
  void generate_readmeCommandOnTheBundledModel_describesTheSceneWithSigmaAndTheSameTokensAsAr() {
    // README's "Run the example" (tests run in examples/, so the paths are relative to it)
    Run r = run("generate", "--model", "../models/specvlm-tiny", "--image", "scene.png", "Describe the image.");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("shape") || r.out().contains("image"), r.out());
    assertFalse(r.out().contains("<eos>"), r.out());
    assertTrue(r.err().contains("σ = ") && r.err().contains("same tokens"), r.err());
  }

  @Test
  void verify_fixtureModel_reportsIdenticalAtBothTemperatures() throws IOException {
    Path prompts = dir.resolve("prompts");
    Files.createDirectories(prompts);
    Files.copy(image, prompts.resolve("a.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.writeString(prompts.resolve("prompts.jsonl"), """
        {"id": "one", "image": "a.png", "question": "describe the image"}
        {"id": "two", "question": "what color is the square ?"}
        """);
    Run r = run("verify", "--model", model.toString(), "--threads", "1", "--prompts", prompts.toString(), "-n", "10");
    assertEquals(0, r.status(), r.out() + r.err());
    assertTrue(r.out().contains("2 prompts from"), r.out());
    assertTrue(r.out().contains("temperature 0 (greedy): 2 prompts") && r.out().contains("seed-coupled"), r.out());
    assertTrue(r.out().contains("identical") && r.out().contains("lossless"), r.out());
  }

  @Test
  void discovery_listedClasses_becomeSubcommandsAndBrokenEntriesAreSkipped() throws IOException {
    assertEquals("hello there", run("echo", "hello", "there").out().strip());
    Path root = dir.resolve("cp");
    Files.createDirectories(root.resolve("META-INF/specvlm"));
    Files.writeString(root.resolve(SubcommandDiscovery.RESOURCE), "no.such.Command\njava.lang.String\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
      CommandLine cli = new CommandLine(new SpecVlmCli());
      StringWriter err = new StringWriter();
      cli.setErr(new PrintWriter(err, true));
      SubcommandDiscovery.addTo(cli, loader);
      assertTrue(err.toString().contains("no.such.Command") && err.toString().contains("cannot be loaded"),
          err.toString());
      assertTrue(err.toString().contains("java.lang.String") && err.toString().contains("not a picocli @Command"),
          err.toString());
      assertEquals(List.of("generate", "verify", "bench", "help"), List.copyOf(cli.getSubcommands().keySet()));
    }
  }
}
