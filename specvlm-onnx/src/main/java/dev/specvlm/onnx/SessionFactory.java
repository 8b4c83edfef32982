package dev.specvlm.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.specvlm.BackendUnavailableException;
import dev.specvlm.ModelLoadException;
import dev.specvlm.spi.DecoderOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Creates the ONNX Runtime sessions of one decoder with its options: execution target, intra-op threads, graph
 * optimization level, custom-operator libraries (only those the application named) and the optional optimized-model
 * cache. Every session it returns is counted in {@link NativeResources} and must be closed with {@link #close}.
 */
final class SessionFactory {
  private static final System.Logger LOG = System.getLogger(SessionFactory.class.getName());

  private final OrtEnvironment env;
  private final ExecutionTarget target;
  private final DecoderOptions options;

  SessionFactory(OrtEnvironment env, ExecutionTarget target, DecoderOptions options) {
    this.env = env;
    this.target = target;
    this.options = options;
    for (Path library : options.customOperatorLibraries()) {
      if (!Files.isRegularFile(library) || !Files.isReadable(library)) {
        throw new BackendUnavailableException("custom operator library " + library
            + " does not exist or is not readable; check the path given to customOperatorLibrary(Path)");
      }
    }
  }

  ExecutionTarget target() {
    return target;
  }

  /**
   * A session for {@code file}, whose external data files {@code externalFiles} were already checked.
   *
   * @throws ModelLoadException if ONNX Runtime refuses the model
   * @throws BackendUnavailableException if a custom-operator library or the execution provider fails
   */
  OrtSession open(String role, Path file, List<Path> externalFiles) {
    Path cached = cacheFile(role, file, externalFiles);
    if (cached != null && Files.isRegularFile(cached)) {
      try {
        return create(role, cached, null);
      } catch (ModelLoadException e) {
        LOG.log(System.Logger.Level.WARNING, "ignoring unreadable optimized-model cache entry " + cached + ": "
            + e.getMessage());
      }
    }
    if (cached != null) {
      Path tmp = cached.resolveSibling(cached.getFileName() + ".tmp" + ProcessHandle.current().pid() + "-"
          + Thread.currentThread().getId());
      try {
        OrtSession session = create(role, file, tmp);
        moveIntoCache(tmp, cached);
        return session;
      } catch (ModelLoadException e) {
        deleteQuietly(tmp);
        LOG.log(System.Logger.Level.WARNING, "cannot cache the optimized " + role + " model in "
            + options.optimizedModelCache() + " (loading it uncached): " + e.getMessage());
      }
    }
    return create(role, file, null);
  }

  private OrtSession create(String role, Path file, @Nullable Path optimizedOut) {
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      if (options.intraOpThreads() > 0) {
        so.setIntraOpNumThreads(options.intraOpThreads());
      }
      so.setOptimizationLevel(switch (options.graphOptimization()) {
        case NONE -> OptLevel.NO_OPT;
        case BASIC -> OptLevel.BASIC_OPT;
        case EXTENDED -> OptLevel.EXTENDED_OPT;
        case ALL -> OptLevel.ALL_OPT;
      });
      for (Path library : options.customOperatorLibraries()) {
        try {
          so.registerCustomOpLibrary(library.toAbsolutePath().toString());
        } catch (OrtException e) {
          throw new BackendUnavailableException("custom operator library " + library + " cannot be loaded: "
              + e.getMessage(), e);
        }
      }
      if (target.isCuda()) {
        try {
          so.addCUDA(target.cudaDevice());
        } catch (OrtException e) {
          throw new BackendUnavailableException("CUDA device " + target.cudaDevice() + " stopped being usable: "
              + e.getMessage(), e);
        }
      }
      if (optimizedOut != null) {
        so.setOptimizedModelFilePath(optimizedOut.toString());
      }
      OrtSession session = env.createSession(file.toString(), so);
      NativeResources.SESSIONS.incrementAndGet();
      return session;
    } catch (OrtException e) {
      throw new ModelLoadException(role + " file " + file + " cannot be loaded by ONNX Runtime "
          + OrtAvailability.version() + " on " + target + ": " + e.getMessage(), e);
    }
  }

  /** Closes a session this factory opened. */
  static void close(@Nullable OrtSession session) {
    if (session == null) {
      return;
    }
    try {
      session.close();
    } catch (OrtException e) {
      LOG.log(System.Logger.Level.WARNING, "closing an ONNX Runtime session failed: " + e.getMessage());
    } finally {
      NativeResources.SESSIONS.decrementAndGet();
    }
  }

  /**
   * The cache entry for {@code file}: a name derived from a SHA-256 of its bytes, the sizes and modification times of
   * its external data, the ONNX Runtime version, the optimization level and the target; null without a cache folder.
   */
  private @Nullable Path cacheFile(String role, Path file, List<Path> externalFiles) {
    Path folder = options.optimizedModelCache();
    if (folder == null) {
      return null;
    }
    try {
      Files.createDirectories(folder);
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      try (InputStream in = Files.newInputStream(file)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
        }
      }
      StringBuilder key = new StringBuilder(OrtAvailability.version()).append('|')
          .append(options.graphOptimization()).append('|').append(target).append('|')
          .append(options.customOperatorLibraries());
      for (Path data : externalFiles) {
        key.append('|').append(data.getFileName()).append(':').append(Files.size(data)).append(':')
            .append(Files.getLastModifiedTime(data).toMillis());
      }
      digest.update(key.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 32);
      return folder.resolve(role + "-" + hash + ".onnx");
    } catch (IOException | NoSuchAlgorithmException e) {
      LOG.log(System.Logger.Level.WARNING, "optimized-model cache " + folder + " unusable (loading uncached): " + e);
      return null;
    }
  }

  private static void moveIntoCache(Path tmp, Path cached) {
    try {
      try {
        Files.move(tmp, cached, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, cached, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      deleteQuietly(tmp);
      LOG.log(System.Logger.Level.WARNING, "cannot store optimized model " + cached + ": " + e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a stale temporary file in the cache folder is harmless
    }
  }
}
