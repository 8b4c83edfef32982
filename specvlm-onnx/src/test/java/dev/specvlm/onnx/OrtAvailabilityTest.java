package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an application sees when ONNX Runtime is missing or its native library fails: one
 * BackendUnavailableException naming the artifact. Each case loads this module in a fresh class loader.
 */
class OrtAvailabilityTest {
  @TempDir Path dir;

  /** A loader over this test's class path, without ONNX Runtime's jar if {@code withOrt} is false. */
  private static URLClassLoader isolated(boolean withOrt) throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (withOrt || !entry.contains("onnxruntime")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
  }

  /** Calls OrtAvailability.check() inside {@code loader}; returns the exception it threw. */
  private static Throwable check(ClassLoader loader) throws Exception {
    Method check = Class.forName(OrtAvailability.class.getName(), true, loader).getDeclaredMethod("check");
    check.setAccessible(true);
    InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> check.invoke(null));
    return e.getCause();
  }

  @Test
  void check_withoutOnnxRuntimeJar_namesTheArtifacts() throws Exception {
    try (URLClassLoader loader = isolated(false)) {
      Throwable e = check(loader);
      assertEquals("dev.specvlm.BackendUnavailableException", e.getClass().getName());
      String version = OrtAvailability.version();
      assertTrue(e.getMessage().contains("com.microsoft.onnxruntime:onnxruntime:" + version)
          && e.getMessage().contains("onnxruntime_gpu:" + version), e.getMessage());
      assertEquals(e.getMessage(), check(loader).getMessage(), "the second check repeats the first reason");
    }
  }

  @Test
  void check_nativeLibraryMissing_explainsTheNativeFailure() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("no-natives"));
    String previous = System.getProperty("onnxruntime.native.path");
    System.setProperty("onnxruntime.native.path", empty.toString());
    try (URLClassLoader loader = isolated(true)) {
      Throwable e = check(loader);
      assertEquals("dev.specvlm.BackendUnavailableException", e.getClass().getName());
      assertTrue(e.getMessage().startsWith("ONNX Runtime's native library failed to load: "), e.getMessage());
      assertTrue(e.getMessage().contains("onnxruntime.native.path"), e.getMessage());
    } finally {
      if (previous == null) {
        System.clearProperty("onnxruntime.native.path");
      } else {
        System.setProperty("onnxruntime.native.path", previous);
      }
    }
  }

  @Test
  void version_isTheBuildsOnnxRuntimeVersion() {
    assertTrue(OrtAvailability.version().matches("\\d+\\.\\d+\\.\\d+.*"), OrtAvailability.version());
  }
}
