package dev.specvlm.bench.e2e;

import java.nio.file.Path;

/**
 * Writes the harness's fixture model and prompt folders, to try the benchmark without the bundled model:
 * {@code FixtureFolders <dir> [prompts=9]} writes {@code <dir>/model} (the tiny test fixture), {@code <dir>/model-deep}
 * (a deeper target of the same kind, where speculation can pay) and {@code <dir>/prompts}.
 */
public final class FixtureFolders {
  private FixtureFolders() {}

  /** Writes the folders. */
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/fixture");
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 9;
    Fixtures.model(dir.resolve("model"));
    Fixtures.deepModel(dir.resolve("model-deep"));
    Fixtures.prompts(dir.resolve("prompts"), count);
    System.out.println("wrote " + dir.resolve("model") + ", " + dir.resolve("model-deep") + " and "
        + dir.resolve("prompts"));
  }
}
