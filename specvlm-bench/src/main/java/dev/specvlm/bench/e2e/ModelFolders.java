package dev.specvlm.bench.e2e;

import dev.specvlm.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks that a folder holds a model before loading it, so that a wrong path gets a hint instead of a loader error. */
public final class ModelFolders {
  /** The bundled model, relative to the repository root. */
  public static final String BUNDLED_MODEL = "models/specvlm-tiny";

  private ModelFolders() {}

  /**
   * Returns normally if {@code folder} holds {@code specvlm.json}.
   *
   * @throws ModelLoadException naming the folder, the working directory (for the bundled model) and what to pass
   */
  public static void requireModel(Path folder) {
    if (Files.isRegularFile(folder.resolve("specvlm.json"))) {
      return;
    }
    String where = Files.isDirectory(folder) ? "folder " + folder + " has no specvlm.json"
        : "model folder " + folder + " does not exist";
    String hint;
    if (!folder.normalize().equals(Path.of(BUNDLED_MODEL))) {
      hint = "; pass --model <folder holding specvlm.json> (docs/model-folder.md describes the format)";
    } else if (Files.isRegularFile(Path.of("pom.xml")) && Files.isDirectory(Path.of("specvlm-api"))) {
      hint = "; this checkout of the repository has no bundled model yet (it is built by specvlm-train and committed "
          + "under " + BUNDLED_MODEL + "): update the checkout, or pass --model <folder holding specvlm.json>";
    } else {
      hint = "; the bundled model lives in " + BUNDLED_MODEL + " of the repository: run from the repository root "
          + "(the working directory is " + Path.of("").toAbsolutePath() + "), or pass --model <folder holding "
          + "specvlm.json>";
    }
    throw new ModelLoadException(where + hint);
  }
}
