package dev.specvlm.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import java.awt.image.BufferedImage;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleGeneratorTest {
  /** SHA-256 of the image's size and RGB pixels, row by row. */
  static String pixelHash(BufferedImage image) {
    Hasher h = Hashing.sha256().newHasher();
    h.putInt(image.getWidth()).putInt(image.getHeight());
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        h.putInt(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
    return h.hash().toString();
  }

  @Test
  void sample_sameSeed_identicalPixelsTextAndScene() {
    for (long seed : List.of(0L, 1L, 7L, 123_456_789L, DataSplit.HELD_OUT.first() + 5)) {
      Sample a = SampleGenerator.standard().sample(seed);
      Sample b = SampleGenerator.standard().sample(seed);
      assertEquals(pixelHash(a.image()), pixelHash(b.image()), "pixels of seed " + seed);
      assertEquals(a.question(), b.question());
      assertEquals(a.answer(), b.answer());
      assertEquals(a.scene(), b.scene());
    }
  }

  @Test
  void sample_neighbouringSeeds_differInPixelsAndText() {
    SampleGenerator g = SampleGenerator.standard();
    Set<String> hashes = new HashSet<>();
    Set<String> answers = new HashSet<>();
    for (long seed = 0; seed < 30; seed++) {
      Sample s = g.sample(seed);
      hashes.add(pixelHash(s.image()));
      answers.add(s.answer());
    }
    assertEquals(30, hashes.size());
    assertEquals(30, answers.size());
  }

  @Test
  void dialogue_withoutRendering_equalsTheSampleText() {
    SampleGenerator g = SampleGenerator.standard();
    for (long seed = 40; seed < 60; seed++) {
      assertEquals(g.sample(seed).dialogue(), g.dialogue(seed));
    }
  }

  @Test
  void sample_imageMatchesItsResolutionAndEveryResolutionOccurs() {
    SampleGenerator g = SampleGenerator.standard();
    Set<Resolution> seen = new HashSet<>();
    for (long seed = 0; seed < 60; seed++) {
      Sample s = g.sample(seed);
      assertEquals(s.resolution().width(), s.image().getWidth());
      assertEquals(s.resolution().height(), s.image().getHeight());
      assertEquals(BufferedImage.TYPE_INT_RGB, s.image().getType());
      seen.add(s.resolution());
    }
    assertEquals(Set.copyOf(Resolution.STANDARD), seen);
  }

  @Test
  void of_singleResolution_usesOnlyIt() {
    SampleGenerator g = SampleGenerator.of(List.of(Resolution.SQUARE_64));
    for (long seed = 0; seed < 20; seed++) {
      assertEquals(Resolution.SQUARE_64, g.scene(seed).resolution());
    }
  }

  @Test
  void scene_objectsStayInsideApartAndContrasting() {
    SampleGenerator g = SampleGenerator.standard();
    int[] countHistogram = new int[SceneGenerator.MAX_OBJECTS + 1];
    for (long seed = 0; seed < 2000; seed++) {
      Scene scene = g.scene(seed);
      List<SceneObject> objects = scene.objects();
      countHistogram[objects.size()]++;
      List<NamedColor> allowed = SceneGenerator.contrastingColors(scene.background());
      for (SceneObject o : objects) {
        BoundingBox b = o.box();
        assertTrue(b.x0() >= 0 && b.y0() >= 0 && b.x1() <= scene.resolution().width()
            && b.y1() <= scene.resolution().height(), "object leaves the image in seed " + seed + ": " + o);
        assertTrue(allowed.contains(o.color()), "colour " + o.color().name() + " too close to the background");
        assertTrue(o.radius() >= SizeClass.SMALL.minRadius() * scene.resolution().shortSide() - 1e-9);
        for (SceneObject p : objects) {
          if (p != o) {
            double d = Math.hypot(o.centerX() - p.centerX(), o.centerY() - p.centerY());
            assertTrue(d >= o.radius() + p.radius(), "objects overlap in seed " + seed);
          }
        }
      }
    }
    assertEquals(0, countHistogram[0], "a scene has at least one object");
    for (int n = 1; n <= SceneGenerator.MAX_OBJECTS; n++) {
      assertTrue(countHistogram[n] > 100, "scenes with " + n + " objects: " + countHistogram[n]);
    }
  }

  @Test
  void scene_regionsAndKindsAllOccur() {
    SampleGenerator g = SampleGenerator.standard();
    Set<Region> regions = EnumSet.noneOf(Region.class);
    Set<ShapeKind> shapes = EnumSet.noneOf(ShapeKind.class);
    Set<BackgroundKind> backgrounds = EnumSet.noneOf(BackgroundKind.class);
    Set<ColorFamily> families = EnumSet.noneOf(ColorFamily.class);
    boolean dark = false;
    for (long seed = 0; seed < 500; seed++) {
      Scene scene = g.scene(seed);
      backgrounds.add(scene.background().kind());
      dark |= scene.background().dark();
      for (SceneObject o : scene.objects()) {
        regions.add(o.region());
        shapes.add(o.shape());
        families.add(o.color().family());
      }
    }
    assertEquals(EnumSet.allOf(Region.class), regions);
    assertEquals(EnumSet.allOf(ShapeKind.class), shapes);
    assertEquals(EnumSet.allOf(BackgroundKind.class), backgrounds);
    assertEquals(EnumSet.allOf(ColorFamily.class), families);
    assertTrue(dark);
  }

  @Test
  void region_ofPoint_followsTheThirds() {
    assertEquals(Region.TOP_LEFT, Region.of(5, 5, 90, 90));
    assertEquals(Region.CENTER, Region.of(45, 45, 90, 90));
    assertEquals(Region.BOTTOM_RIGHT, Region.of(89.9, 89.9, 90, 90));
    assertEquals(Region.RIGHT, Region.of(100, 30, 128, 64));
    assertNotEquals(Region.of(29, 45, 90, 90), Region.of(31, 45, 90, 90));
  }
}
