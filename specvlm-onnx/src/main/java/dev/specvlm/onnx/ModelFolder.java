package dev.specvlm.onnx;

import dev.specvlm.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A model folder and the files its manifest names. Resolving a manifest path refuses anything that could read outside
 * the folder: absolute paths, {@code ..} segments, and symbolic links whose target lies outside.
 */
final class ModelFolder {
  private final Path folder; // as given, for messages
  private final Path real; // with symbolic links resolved

  ModelFolder(Path folder) {
    this.folder = folder;
    try {
      this.real = folder.toRealPath();
    } catch (IOException e) {
      throw new ModelLoadException("model folder " + folder + " cannot be opened: " + e, e);
    }
    if (!Files.isDirectory(real)) {
      throw new ModelLoadException("model folder " + folder + " is not a folder");
    }
  }

  Path path() {
    return folder;
  }

  /**
   * The readable regular file that manifest field {@code field} names.
   *
   * @throws ModelLoadException naming the field, the value and the problem
   */
  Path resolve(String field, String relative) {
    String where = ModelManifest.FILE_NAME + " field '" + field + "' = \"" + relative + "\"";
    Path rel;
    try {
      rel = folder.getFileSystem().getPath(relative);
    } catch (InvalidPathException e) {
      throw new ModelLoadException(where + " is not a valid path: " + e.getMessage(), e);
    }
    if (rel.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
      throw new ModelLoadException(where + " is an absolute path; give a path relative to the model folder "
          + folder);
    }
    for (Path part : rel) {
      if (part.toString().equals("..")) {
        throw new ModelLoadException(where + " leaves the model folder " + folder
            + " through '..'; keep every file inside the folder");
      }
    }
    Path file = folder.resolve(rel);
    if (!Files.exists(file)) {
      throw new ModelLoadException(where + ": file " + file + " does not exist");
    }
    Path realFile;
    try {
      realFile = file.toRealPath();
    } catch (IOException e) {
      throw new ModelLoadException(where + ": cannot resolve " + file + ": " + e, e);
    }
    if (!realFile.startsWith(real)) {
      throw new ModelLoadException(where + " is a symbolic link to " + realFile + ", outside the model folder "
          + folder + "; copy the file into the folder instead");
    }
    if (!Files.isRegularFile(realFile)) {
      throw new ModelLoadException(where + ": " + file + " is not a regular file");
    }
    if (!Files.isReadable(realFile)) {
      throw new ModelLoadException(where + ": " + file + " is not readable; check its permissions");
    }
    return realFile;
  }
}
