package dev.specvlm.onnx;

import static dev.specvlm.onnx.reference.TensorNames.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import com.google.gson.JsonObject;
import dev.specvlm.GenerationConfig;
import dev.specvlm.ModelLoadException;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.onnx.image.TestImages;
import dev.specvlm.onnx.reference.WriterOptions;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model folders are untrusted input: no path in them — a manifest field, an ONNX file's external-data location, or
 * the manifest itself — can make specvlm read a file outside the folder; a folder cannot make it load a native
 * library or reach the network. Every refused file outside the folder is a valid copy of what the field needs, so only the
 * confinement check can refuse it.
 */
class UntrustedFolderTest {
  /** Every manifest field that names a file, as a JSON path, and the file the fixture puts there. */
  private static final Map<String, String> PATH_FIELDS = Map.of("tokenizer", "tokenizer.json", "embed", EMBED_FILE,
      "decoder.file", DECODER_FILE, "draft.file", DRAFT_FILE, "vision.file", VISION_FILE);

  @TempDir Path root;

  static Stream<String> pathFields() {
    return PATH_FIELDS.keySet().stream().sorted();
  }

  private static void setField(JsonObject manifest, String field, String value) {
    int dot = field.indexOf('.');
    if (dot < 0) {
      manifest.addProperty(field, value);
    } else {
      manifest.getAsJsonObject(field.substring(0, dot)).addProperty(field.substring(dot + 1), value);
    }
  }

  private static String refusal(Path model) {
    long sessions = NativeResources.liveSessions();
    var e = assertThrows(ModelLoadException.class, () -> OnnxTestDecoders.open(model).close());
    assertEquals(sessions, NativeResources.liveSessions(), "sessions leaked by a refused load");
    return e.getMessage();
  }

  private static void assertContains(String message, String... parts) {
    for (String part : parts) {
      assertTrue(message.contains(part), () -> "'" + part + "' missing from: " + message);
    }
  }

  @ParameterizedTest
  @MethodSource("pathFields")
  void load_pathFieldLeavingTheFolder_isRefusedEveryWay(String field) throws Exception {
    Path model = TestModels.write(root.resolve("model"), 3);
    String file = PATH_FIELDS.get(field);
    Path outside = Files.copy(model.resolve(file), root.resolve("outside-" + file));
    Files.createDirectories(root.resolve("outside-dir"));
    Files.copy(outside, root.resolve("outside-dir").resolve(file));
    Files.createSymbolicLink(model.resolve("link-" + file), outside);
    Files.createSymbolicLink(model.resolve("dirlink"), root.resolve("outside-dir"));
    String where = "field '" + field + "'";

    OnnxTestDecoders.editManifest(model, m -> setField(m, field, "../outside-" + file));
    assertContains(refusal(model), where, "through '..'");
    OnnxTestDecoders.editManifest(model, m -> setField(m, field, "sub/../../outside-" + file));
    assertContains(refusal(model), where, "through '..'");
    OnnxTestDecoders.editManifest(model, m -> setField(m, field, outside.toString()));
    assertContains(refusal(model), where, "absolute path");
    OnnxTestDecoders.editManifest(model, m -> setField(m, field, "link-" + file));
    assertContains(refusal(model), where, "symbolic link", "outside the model folder");
    OnnxTestDecoders.editManifest(model, m -> setField(m, field, "dirlink/" + file));
    assertContains(refusal(model), where, "outside the model folder");
    // the same file inside the folder, through a link that stays inside, loads
    Files.createDirectories(model.resolve("inner"));
    Files.move(model.resolve(file), model.resolve("inner").resolve(file));
    Files.createSymbolicLink(model.resolve("inner-link"), model.resolve("inner"));
    OnnxTestDecoders.editManifest(model, m -> setField(m, field, "inner-link/" + file));
    OnnxTestDecoders.open(model).close();
  }

  @Test
  void load_manifestLinkedFromOutside_isRefused() throws Exception {
    Path model = TestModels.write(root.resolve("model"), 3);
    Path outside = Files.move(model.resolve(ModelManifest.FILE_NAME), root.resolve("elsewhere.json"));
    Files.createSymbolicLink(model.resolve(ModelManifest.FILE_NAME), outside);
    assertContains(refusal(model), "specvlm.json", "symbolic link", "outside the model folder");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void load_namedPipeInsteadOfAFile_isRefusedWithoutBlocking() throws Exception {
    Path model = TestModels.write(root.resolve("model"), 3);
    for (String file : List.of(ModelManifest.FILE_NAME, "tokenizer.json", DECODER_FILE)) {
      Path original = Files.move(model.resolve(file), root.resolve("saved-" + file));
      Process mkfifo = new ProcessBuilder("mkfifo", model.resolve(file).toString()).start();
      assertEquals(0, mkfifo.waitFor());
      // reading a pipe with no writer blocks forever: the loader must refuse it before opening it
      String message = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refusal(model));
      assertContains(message, file, "not a regular file");
      Files.delete(model.resolve(file));
      Files.move(original, model.resolve(file));
    }
  }

  @Test
  void load_externalDataLeavingTheFolder_isRefusedInEveryOnnxFile() throws Exception {
    for (String file : List.of(EMBED_FILE, DECODER_FILE, DRAFT_FILE, VISION_FILE)) {
      String role = file.replace(".onnx", "");
      Path model = TestModels.write(root.resolve(role), 3, WriterOptions.defaults().withExternalDataThreshold(256));
      Path data = model.resolve(file + ".data");
      assertTrue(Files.exists(data), "the fixture keeps " + file + "'s weights in " + data.getFileName());
      Path outside = Files.copy(data, root.resolve(role + "-outside.data"));
      String where = role + " external data";

      GraphSurgery.of(model.resolve(file)).externalLocation("../" + outside.getFileName()).save();
      assertContains(refusal(model), where, "through '..'");
      GraphSurgery.of(model.resolve(file)).externalLocation(outside.toString()).save();
      assertContains(refusal(model), where, "absolute path");
      Files.createSymbolicLink(model.resolve("link.data"), outside);
      GraphSurgery.of(model.resolve(file)).externalLocation("link.data").save();
      assertContains(refusal(model), where, "symbolic link", "outside the model folder");
      GraphSurgery.of(model.resolve(file)).externalLocation(file + ".data").save();
      OnnxTestDecoders.open(model).close(); // restored: it loads
    }
  }

  @Test
  void load_folderReachedThroughALink_loadsWithItsExternalData() throws Exception {
    Path real = TestModels.write(root.resolve("real"), 3, WriterOptions.defaults().withExternalDataThreshold(256));
    Path link = Files.createSymbolicLink(root.resolve("current"), real);
    try (SpecDecoder d = OnnxTestDecoders.open(link)) {
      assertEquals(4, d.generate(Prompt.of("the cat"), GenerationConfig.builder().maxNewTokens(4).ignoreEos(true)
          .build()).tokenCount());
    }
  }

  @Test
  void load_customOperatorInTheModel_isRefusedAndNoLibraryIsLoaded() throws Exception {
    Path model = TestModels.write(root.resolve("model"), 3);
    // a node from an unknown domain, as a model needing a custom-operator library would have
    ModelProto.Builder embed = ModelProto.parseFrom(Files.readAllBytes(model.resolve(EMBED_FILE))).toBuilder();
    embed.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.example.custom").setVersion(1));
    NodeProto.Builder gather = embed.getGraphBuilder().getNodeBuilder(0);
    gather.setDomain("com.example.custom").setOpType("EvilGather");
    Files.write(model.resolve(EMBED_FILE), embed.build().toByteArray());
    // a shared library sitting in the folder must not matter: nothing in a folder can name one
    Files.write(model.resolve("libcustom_ops.so"), new byte[] {0x7f, 'E', 'L', 'F'});
    assertContains(refusal(model), "embed file", "EvilGather");
    OnnxTestDecoders.editManifest(model, m -> m.addProperty("customOperatorLibrary", "libcustom_ops.so"));
    assertContains(refusal(model), "unknown field 'customOperatorLibrary'");
    if (Files.isReadable(Path.of("/proc/self/maps"))) {
      String maps = Files.readString(Path.of("/proc/self/maps"));
      assertTrue(!maps.contains(model.toRealPath().toString()), "nothing of the folder is mapped as a library");
    }
  }

  @Test
  void load_tokenizerLibrary_isPinnedToItsBundledCpuBuild() {
    // DJL would pick a CUDA build of its tokenizers library on a CUDA host and download it; specvlm pins the build
    // the jar carries unless the application chose one
    HfTokenizer.pinCpuNativeLibrary();
    String flavor = System.getenv(HfTokenizer.NATIVE_FLAVOR) != null ? System.getenv(HfTokenizer.NATIVE_FLAVOR)
        : System.getProperty(HfTokenizer.NATIVE_FLAVOR);
    assertTrue(System.getenv(HfTokenizer.NATIVE_FLAVOR) != null || "cpu".equals(flavor), flavor);
  }

  /**
   * Loads a folder and generates from text and an image under a security manager that records (and allows) every
   * file read, network use and process start the JVM is asked for: reads stay inside the folder (or the JDK and the
   * class path), and nothing touches the network or starts a process. Native code (ONNX Runtime, the tokenizer) is
   * not seen by this check; the tests above cover the paths it is given.
   */
  @Test
  @SuppressWarnings("removal")
  void loadAndGenerate_readNothingOutsideTheFolderAndUseNoNetwork() throws Exception {
    Path warm = TestModels.write(root.resolve("warm"), 3);
    OnnxTestDecoders.open(warm).close(); // native libraries extracted and loaded before recording
    Path model = TestModels.write(root.resolve("model"), 4).toRealPath();
    byte[] image = TestImages.encode(TestImages.randomRgb(20, 20, 1), "png");
    List<String> reads = Collections.synchronizedList(new ArrayList<>());
    List<String> network = Collections.synchronizedList(new ArrayList<>());
    SecurityManager recorder = new SecurityManager() {
      @Override
      public void checkPermission(java.security.Permission p) {
        if (p instanceof java.io.FilePermission && p.getActions().contains("read")) {
          reads.add(p.getName());
        } else if (p instanceof java.net.SocketPermission || p instanceof java.net.URLPermission) {
          network.add(p.getName() + " " + p.getActions());
        } else if (p instanceof java.io.FilePermission && p.getActions().contains("execute")) {
          network.add("exec " + p.getName());
        }
      }

      @Override
      public void checkPermission(java.security.Permission p, Object context) {
        checkPermission(p);
      }
    };
    try {
      System.setSecurityManager(recorder);
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("this JVM refuses a security manager (Java 18+ needs -Djava.security.manager=allow): " + e);
    }
    try (SpecDecoder d = OnnxTestDecoders.open(model)) {
      d.generate(Prompt.builder().image(image).text("describe the image").build(),
          GenerationConfig.builder().maxNewTokens(4).build());
    } finally {
      System.setSecurityManager(null);
    }
    List<String> allowedRoots = new ArrayList<>(List.of(Path.of(System.getProperty("java.home")).toRealPath()
        .toString()));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      allowedRoots.add(Path.of(entry).toAbsolutePath().toString());
    }
    List<String> outside = new ArrayList<>();
    for (String read : reads) {
      String path = read.startsWith("/") ? Path.of(read).normalize().toString() : read;
      boolean inside = path.startsWith(model.toString()) || path.startsWith(root.resolve("model").toString());
      boolean runtime = allowedRoots.stream().anyMatch(path::startsWith);
      if (!inside && !runtime) {
        outside.add(path);
      }
    }
    assertEquals(List.of(), network, "network use or process starts");
    assertEquals(List.of(), outside, "files read outside the model folder");
    assertTrue(reads.stream().anyMatch(r -> r.contains(ModelManifest.FILE_NAME)), "the recorder saw the reads");
  }
}
