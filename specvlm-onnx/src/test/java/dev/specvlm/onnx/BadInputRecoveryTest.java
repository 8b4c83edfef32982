package dev.specvlm.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.ContextLengthException;
import dev.specvlm.FinishReason;
import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.ImageInput;
import dev.specvlm.InvalidImageException;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpecVlmException;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import dev.specvlm.onnx.image.TestImages;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad request gets its specific {@link SpecVlmException} subclass with a message naming the value and
 * the limit, and the decoder stays usable: the same good request, run right after each bad one, gives the same
 * tokens as before, with no tensor or run result left open.
 */
class BadInputRecoveryTest {
  private static final GenerationConfig GOOD = GenerationConfig.builder().maxNewTokens(6).temperature(0)
      .ignoreEos(true).treeBudget(4, 12, 3).build();
  private static final Prompt GOOD_PROMPT = Prompt.builder().image(TestImages.randomRgb(32, 24, 1))
      .text("describe the image").build();

  @TempDir static Path dir;
  static SpecDecoder decoder;
  static long sessionsBefore;
  static int[] expected;

  @BeforeAll
  static void open() {
    sessionsBefore = NativeResources.liveSessions();
    decoder = OnnxTestDecoders.open(TestModels.write(dir.resolve("model"), 17));
    expected = decoder.generate(GOOD_PROMPT, GOOD).tokenIds();
  }

  @AfterAll
  static void close() {
    decoder.close();
    OnnxTestDecoders.assertNativeResourcesReleased(sessionsBefore);
  }

  private static GenerationResult generate(Prompt prompt) {
    return decoder.generate(prompt, GOOD);
  }

  private static GenerationResult generate(GenerationConfig.Builder config) {
    return decoder.generate(GOOD_PROMPT, config.build());
  }

  private static Prompt image(byte[] bytes) {
    return Prompt.builder().image(bytes).text("describe").build();
  }

  private static Arguments refused(String name, Class<? extends SpecVlmException> type, Executable call,
      String... fragments) {
    return Arguments.of(name, type, call, List.of(fragments));
  }

  static Stream<Arguments> badRequests() {
    int[] tooLong = new int[1100];
    Arrays.fill(tooLong, 10);
    int[] nearlyFull = new int[1000];
    Arrays.fill(nearlyFull, 10);
    byte[] png = TestImages.encode(TestImages.randomRgb(16, 16, 2), "png");
    return Stream.of(
        // prompts and lengths: how long, and the limit
        refused("prompt longer than the context window", ContextLengthException.class,
            () -> generate(Prompt.ofTokens(tooLong)), "needs 1118 positions", "context length of 1024",
            "prompt 1101"),
        refused("max new tokens that cannot fit", ContextLengthException.class,
            () -> generate(GOOD.toBuilder().maxNewTokens(5000)), "maxNewTokens 5000", "context length of 1024"),
        refused("a tree that no longer fits", ContextLengthException.class,
            () -> decoder.generate(Prompt.ofTokens(nearlyFull), GOOD.toBuilder().maxNewTokens(10)
                .treeBudget(TreeBudget.eagleDefault()).build()),
            "60 tokens verified per round", "smaller tree budget"),
        refused("prompt token outside the vocabulary", InvalidRequestException.class,
            () -> generate(Prompt.ofTokens(5, 300)), "token id 300", "outside the vocabulary [0, 256)"),
        refused("decode of a token outside the vocabulary", InvalidRequestException.class,
            () -> decoder.decode(new int[] {7, 256}), "token id 256 at index 1", "[0, 256)"),
        refused("end-of-sequence id outside the vocabulary", InvalidRequestException.class,
            () -> generate(GOOD.toBuilder().eosTokenIds(2, 999)), "eosTokenIds holds 999", "never end"),
        refused("stop sequence outside the vocabulary", InvalidRequestException.class,
            () -> generate(GOOD.toBuilder().addStopTokenSequence(4, 1000)), "holds 1000", "never match"),
        // sampling and stop settings, refused by the builders
        refused("negative temperature", InvalidRequestException.class,
            () -> GOOD.toBuilder().temperature(-0.5), "temperature", "-0.5"),
        refused("NaN temperature", InvalidRequestException.class,
            () -> GOOD.toBuilder().temperature(Double.NaN), "temperature", "NaN"),
        refused("top-p of 0", InvalidRequestException.class, () -> GOOD.toBuilder().topP(0), "topP", "(0, 1]"),
        refused("top-p above 1", InvalidRequestException.class, () -> GOOD.toBuilder().topP(1.5), "1.5"),
        refused("NaN top-p", InvalidRequestException.class, () -> GOOD.toBuilder().topP(Double.NaN), "NaN"),
        refused("negative top-k", InvalidRequestException.class, () -> GOOD.toBuilder().topK(-1), "topK", "-1"),
        refused("empty stop string", InvalidRequestException.class, () -> GOOD.toBuilder().addStopString(""),
            "stop string must not be empty"),
        refused("zero max new tokens", InvalidRequestException.class, () -> GOOD.toBuilder().maxNewTokens(0),
            "maxNewTokens", ">= 1"),
        // tree budget K, T, D
        refused("K of 0", InvalidRequestException.class, () -> TreeBudget.of(0, 10, 3), "topK (K)", "[1, 64]"),
        refused("K above 64", InvalidRequestException.class, () -> TreeBudget.of(65, 10, 3), "65"),
        refused("T of 1", InvalidRequestException.class, () -> TreeBudget.of(4, 1, 3), "totalTokens (T)",
            "[2, 1024]"),
        refused("T above 1024", InvalidRequestException.class, () -> TreeBudget.of(64, 2000, 3), "2000"),
        refused("D of 0", InvalidRequestException.class, () -> TreeBudget.of(4, 10, 0), "depth (D)", "[1, 32]"),
        refused("D above 32", InvalidRequestException.class, () -> TreeBudget.of(4, 10, 33), "33"),
        refused("T larger than K and D allow", InvalidRequestException.class, () -> TreeBudget.of(2, 20, 2),
            "candidate pool 1 + K + D·K² = 11"),
        // images
        refused("bytes that are not an image", InvalidImageException.class,
            () -> generate(image("hello, not an image".getBytes(java.nio.charset.StandardCharsets.US_ASCII))),
            "not an image", "68 65 6c 6c"),
        refused("empty image bytes", InvalidImageException.class, () -> generate(image(new byte[0])), "empty"),
        refused("zero-size image", InvalidImageException.class,
            () -> generate(image(TestImages.pngHeader(0, 16))), "image bytes"),
        refused("enormous image header", InvalidImageException.class,
            () -> generate(image(TestImages.pngHeader(100_000, 100_000))), "10,000,000,000 pixels",
            "limit of 4,000,000 pixels", "maxInputPixels"),
        refused("enormous in-memory image", InvalidImageException.class,
            () -> generate(Prompt.builder().image(new BufferedImage(2001, 2001, BufferedImage.TYPE_BYTE_GRAY))
                .text("describe").build()), "2001x2001", "limit of 4,000,000 pixels"),
        refused("truncated PNG", InvalidImageException.class,
            () -> generate(image(Arrays.copyOf(png, png.length / 2))), "cannot decode"),
        refused("CMYK JPEG", InvalidImageException.class, () -> generate(image(TestImages.cmykJpeg())), "CMYK",
            "convert it to RGB"),
        refused("missing image file", InvalidImageException.class,
            () -> generate(Prompt.builder().image(dir.resolve("missing.png")).text("describe").build()),
            "missing.png"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void generate_badInput_isRefusedSpecificallyAndTheDecoderStaysUsable(String name,
      Class<? extends SpecVlmException> type, Executable call, List<String> fragments) {
    SpecVlmException e = assertThrows(SpecVlmException.class, call);
    assertEquals(type, e.getClass(), () -> name + ": " + e);
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), () -> "'" + fragment + "' missing from: " + e.getMessage());
    }
    OnnxTestDecoders.assertNoStepResourcesOpen();
    assertArrayEquals(expected, decoder.generate(GOOD_PROMPT, GOOD).tokenIds(), "the good request after: " + name);
  }

  @Test
  void generate_imagesJavaDecodes_runInEveryColourModel() throws Exception {
    BufferedImage rgb = TestImages.randomRgb(20, 12, 3);
    BufferedImage gray = new BufferedImage(20, 12, BufferedImage.TYPE_BYTE_GRAY);
    BufferedImage gray16 = new BufferedImage(20, 12, BufferedImage.TYPE_USHORT_GRAY);
    BufferedImage argb = new BufferedImage(20, 12, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 12; y++) {
      for (int x = 0; x < 20; x++) {
        gray.getRaster().setSample(x, y, 0, 13 * x + y);
        gray16.getRaster().setSample(x, y, 0, 3000 * x + y);
        argb.setRGB(x, y, (x * 12) << 24 | rgb.getRGB(x, y) & 0xFFFFFF);
      }
    }
    Path file = Files.write(dir.resolve("image.bmp"), TestImages.encode(rgb, "bmp"));
    List<ImageInput> images = List.of(ImageInput.of(rgb), ImageInput.of(TestImages.encode(rgb, "jpg")),
        ImageInput.of(file), ImageInput.of(TestImages.encode(gray, "png")), ImageInput.of(gray16),
        ImageInput.of(TestImages.encode(gray16, "png")), ImageInput.of(TestImages.encode(argb, "png")),
        ImageInput.of(TestImages.encode(TestImages.palette(20, 12), "gif")),
        ImageInput.of(TestImages.encode(TestImages.palette(20, 12), "png")));
    for (ImageInput image : images) {
      GenerationResult r = decoder.generate(Prompt.builder().image(image).text("describe").build(), GOOD);
      assertEquals(6, r.tokenCount(), image.toString());
      // 240 pixels, scaled by sqrt(256 / 240) towards minPixels and rounded to the 4-pixel unit: 12 x 20, 3 x 5 patches
      assertEquals(15, r.stats().visualTokens(), image.toString());
    }
  }

  @Test
  void generate_largeImageWithinTheInputLimit_isDownscaledToThePixelBudget() {
    // 1900 x 1900 = 3.61 M pixels, under maxInputPixels (4 M): decoded, then resized within maxPixels 9216 and
    // maxSide 128 (specvlm.json), so at most 32 x 32 patches of 4 pixels
    BufferedImage large = new BufferedImage(1900, 1900, BufferedImage.TYPE_INT_RGB);
    GenerationResult r = decoder.generate(Prompt.builder().image(large).text("describe").build(),
        GOOD.toBuilder().speculation(SpeculationMode.AR).maxNewTokens(1).build());
    assertEquals(FinishReason.LENGTH, r.finishReason());
    assertEquals(24 * 24, r.stats().visualTokens(), "9216 pixels / 16 per patch, square");
  }
}
