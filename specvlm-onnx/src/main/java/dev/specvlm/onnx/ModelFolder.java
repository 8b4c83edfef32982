package dev.specvlm.onnx;

import dev.specvlm.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * A model folder and the files its manifest names. Model folders are untrusted input: resolving a path refuses
 * anything that could read outside the folder (absolute paths, {@code ..} segments, symbolic links whose target lies
 * outside) and anything that is not a regular file (a folder, a named pipe that would block a reader, a device).
 * {@code specvlm.json} itself is resolved the same way.
 */
final class ModelFolder {
  private final Path folder; // as given, for messages
  private final Path real; // with symbolic links resolved

  ModelFolder(Path folder) {
    this.folder = folder;
    try {
      this.real = folder.toRealPath();
    } catch (IOException e) {
      throw new ModelLoadException("model folder " + folder + " does not exist or cannot be opened: " + e, e);
    }
    if (!Files.isDirectory(real)) {
      throw new ModelLoadException("model folder " + folder + " is not a folder");
    }
  }

  /** The folder as given (for messages and relative display). */
  Path path() {
    return folder;
  }

  /** The folder with symbolic links resolved: every file this class returns lies under it. */
  Path realPath() {
    return real;
  }

  /**
   * The folder's {@code specvlm.json}, held to the same rules as the files it names.
   *
   * @throws ModelLoadException if it is missing, leaves the folder or is not a readable regular file
   */
  Path manifestFile() {
    Path file = folder.resolve(ModelManifest.FILE_NAME);
    if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new ModelLoadException("model folder " + folder + " has no " + ModelManifest.FILE_NAME
          + "; a model folder holds specvlm.json plus the files it names (see docs/model-folder.md)");
    }
    return confine(ModelManifest.FILE_NAME, file);
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
    return confine(where, file);
  }

  /** The real path of {@code file} if it lies inside the folder and is a readable regular file. */
  private Path confine(String where, Path file) {
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
