package dev.specvlm.train.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.train.data.DataSplit;
import dev.specvlm.train.data.Resolution;
import dev.specvlm.train.data.Sample;
import dev.specvlm.train.data.SampleGenerator;
import dev.specvlm.train.distill.OnnxTeacher;
import dev.specvlm.train.distill.TinyTargets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image-reliance measure scores every answer token once per image and tells the right image from another. */
class ImageRelianceTest {
  @TempDir Path dir;

  @Test
  void logProbability_isTheLogSoftmaxOfTheToken() {
    float[] logits = {7f, 0f, (float) Math.log(3), 7f};
    assertEquals(Math.log(0.75), TargetEvaluation.logProbability(logits, 1, 2, 1), 1e-6);
    assertEquals(Math.log(0.25), TargetEvaluation.logProbability(logits, 1, 2, 0), 1e-6);
  }

  @Test
  void imageReliance_countsEveryAnswerTokenAndSeesTheImage() {
    SampleGenerator generator = SampleGenerator.of(List.of(Resolution.SQUARE_64));
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      samples.add(generator.sample(DataSplit.HELD_OUT.seed(i)));
    }
    try (OnnxTeacher teacher = OnnxTeacher.load(TinyTargets.write(dir, 5), 1)) {
      long answerTokens = 0;
      for (Sample s : samples) {
        answerTokens += teacher.tokenizer().encode(s.answer()).length + 1; // and the closing EOS
      }
      TargetEvaluation.ImageReliance r = TargetEvaluation.imageReliance(teacher, samples);
      assertEquals(answerTokens, r.factTokens() + r.otherTokens());
      assertTrue(r.factTokens() > 0, "the answers name colours, shapes or counts");
      assertNotEquals(r.factOwnImage(), r.factOtherImage(), "a random target's outputs depend on the image");

      List<Sample> sameImage = List.of(samples.get(0), samples.get(0));
      TargetEvaluation.ImageReliance same = TargetEvaluation.imageReliance(teacher, sameImage);
      assertEquals(same.factOwnImage(), same.factOtherImage(), 1e-9);
      assertEquals(same.otherOwnImage(), same.otherOtherImage(), 1e-9);
    }
  }
}
