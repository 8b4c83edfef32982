package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.ModelLoadException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFolderTest {
  @TempDir Path root;
  Path model;
  ModelFolder folder;

  @BeforeEach
  void setUp() throws Exception {
    model = Files.createDirectories(root.resolve("model"));
    Files.writeString(model.resolve("a.onnx"), "x");
    Files.createDirectories(model.resolve("sub"));
    Files.writeString(model.resolve("sub/b.onnx"), "y");
    Files.writeString(root.resolve("outside.onnx"), "z");
    folder = new ModelFolder(model);
  }

  private String refusal(String relative) {
    var e = assertThrows(ModelLoadException.class, () -> folder.resolve("decoder.file", relative));
    assertTrue(e.getMessage().contains("field 'decoder.file' = \"" + relative + "\""), e.getMessage());
    return e.getMessage();
  }

  @Test
  void resolve_fileInsideFolder_isFound() throws Exception {
    assertEquals(model.resolve("sub/b.onnx").toRealPath(), folder.resolve("f", "sub/b.onnx"));
    assertEquals(model.resolve("a.onnx").toRealPath(), folder.resolve("f", "./a.onnx"));
  }

  @Test
  void resolve_dotDot_isRefused() {
    assertTrue(refusal("../outside.onnx").contains("through '..'"));
    assertTrue(refusal("sub/../../outside.onnx").contains("through '..'"));
  }

  @Test
  void resolve_absolutePath_isRefused() {
    assertTrue(refusal(root.resolve("outside.onnx").toString()).contains("absolute path"));
  }

  @Test
  void resolve_symlinkOutside_isRefusedButInsideIsFine() throws Exception {
    Files.createSymbolicLink(model.resolve("link.onnx"), root.resolve("outside.onnx"));
    assertTrue(refusal("link.onnx").contains("symbolic link to"));
    Files.createSymbolicLink(model.resolve("dirlink"), root);
    assertTrue(refusal("dirlink/outside.onnx").contains("outside the model folder"));
    Files.createSymbolicLink(model.resolve("inner.onnx"), model.resolve("a.onnx"));
    assertEquals(model.resolve("a.onnx").toRealPath(), folder.resolve("f", "inner.onnx"));
  }

  @Test
  void resolve_missingOrFolder_isRefused() {
    assertTrue(refusal("missing.onnx").contains("does not exist"));
    assertTrue(refusal("sub").contains("not a regular file"));
  }

  @Test
  void new_missingFolder_isRefused() {
    var e = assertThrows(ModelLoadException.class, () -> new ModelFolder(root.resolve("nope")));
    assertTrue(e.getMessage().contains("nope"), e.getMessage());
  }
}
