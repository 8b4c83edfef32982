package dev.specvlm.train;

import dev.specvlm.onnx.reference.ReferenceConfig;
import dev.specvlm.train.data.ConversationFormat;
import dev.specvlm.train.data.Vocabulary;
import dev.specvlm.train.data.WordTokenizer;
import dev.specvlm.train.target.TargetBatches;
import dev.specvlm.train.target.TargetTrainer;
import dev.specvlm.train.target.TargetTrainingConfig;
import dev.specvlm.train.target.TinyVlm;
import java.nio.file.Path;
import java.util.List;

/**
 * The one command that rebuilds {@code models/specvlm-tiny} from scratch: {@code TinyModelBuild RUN_DIR [stage…]}.
 * Every stage keeps its state in the run folder and resumes from it, so an interrupted build continues where it
 * stopped when the same command runs again.
 *
 * <p>Stages: {@code target} (train the target VLM).
 */
public final class TinyModelBuild {
  private TinyModelBuild() {}

  /**
   * Runs the build.
   *
   * @param args the run folder, then the stages to run (all when none is given)
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: TinyModelBuild RUN_DIR [target ...]");
      System.exit(2);
    }
    Path run = Path.of(args[0]);
    List<String> stages = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("target");
    Vocabulary vocabulary = Vocabulary.bundled();
    ReferenceConfig config = TinyVlm.config(vocabulary.size());
    if (stages.contains("target")) {
      TargetTrainingConfig training = TargetTrainingConfig.bundled()
          .withMaxSeconds(Long.getLong("specvlm.maxSeconds", 0));
      training = training.withTotalPositions(Long.getLong("specvlm.targetPositions", training.totalPositions()));
      TargetBatches batches = new TargetBatches(TinyVlm.resolutionMix(),
          ConversationFormat.of(WordTokenizer.of(vocabulary), TinyVlm.PATCH),
          TinyVlm.imageSettings(TinyVlm.PATCH, TinyVlm.MAX_SIDE), training.positionBudget(), training.seed());
      TargetTrainer.Result result = new TargetTrainer(config, training, batches, run, true).train();
      System.out.printf("target: %s after %d steps, %d positions, loss %.3f%n",
          result.finished() ? "finished" : "stopped", result.steps(), result.positions(), result.lastLoss());
    }
  }
}
