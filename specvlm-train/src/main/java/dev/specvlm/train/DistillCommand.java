package dev.specvlm.train;

import dev.specvlm.onnx.ModelManifest;
import dev.specvlm.train.data.DataSplit;
import dev.specvlm.train.distill.CompressorTraining;
import dev.specvlm.train.distill.DistillConfig;
import dev.specvlm.train.distill.OnlineDistiller;
import dev.specvlm.train.distill.OnnxTeacher;
import dev.specvlm.train.distill.SceneConversations;
import dev.specvlm.train.export.DraftShape;
import dev.specvlm.train.export.ModelFolderExport;
import dev.specvlm.train.vlm.TinyVlm;
import java.nio.file.Path;

/**
 * Distils a draft head for a model folder from the command line:
 * {@code DistillCommand MODEL_DIR RUN_DIR [--epochs N] [--samples N] [--ffn N] [--compressor] [--write]}.
 *
 * <p>The target in {@code MODEL_DIR} is the teacher; the conversations are the procedural scenes of this project
 * (a target with another vocabulary or prompt format needs its own {@link dev.specvlm.train.distill.DistillationData}
 * through the API). The draft layer is shaped like a LLaMA layer of the target's width with the head size and KV
 * heads of its decoder ({@code --ffn} sets the SwiGLU width). Checkpoints, logs and one model folder per epoch go to
 * {@code RUN_DIR}; running the same command again resumes. With {@code --write} the final draft replaces
 * {@code MODEL_DIR/draft.onnx} and the manifest's draft entry.
 *
 * <p>With {@code --compressor} the elastic visual compressor is trained jointly with a draft of its own (SpecVLM,
 * {@link CompressorTraining#defaults}); each epoch's folder keeps {@code MODEL_DIR}'s {@code draft.onnx} (the EagleVLM
 * draft) and adds the compressor, and {@code --write} adds the compressor and its draft to {@code MODEL_DIR} without
 * touching {@code draft.onnx}.
 */
public final class DistillCommand {
  private DistillCommand() {}

  /**
   * Runs the command.
   *
   * @param args see the class description
   */
  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: DistillCommand MODEL_DIR RUN_DIR [--epochs N] [--samples N] [--ffn N] [--compressor]"
          + " [--write]");
      System.exit(2);
    }
    Path model = Path.of(args[0]);
    Path run = Path.of(args[1]);
    int epochs = 1;
    int samples = 2000;
    int ffn = 0;
    boolean write = false;
    boolean compressor = false;
    for (int i = 2; i < args.length; i++) {
      switch (args[i]) {
        case "--epochs" -> epochs = Integer.parseInt(args[++i]);
        case "--samples" -> samples = Integer.parseInt(args[++i]);
        case "--ffn" -> ffn = Integer.parseInt(args[++i]);
        case "--write" -> write = true;
        case "--compressor" -> compressor = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    DistillConfig config = DistillConfig.defaults(epochs);
    try (OnnxTeacher teacher = OnnxTeacher.load(model, config.teacherThreads())) {
      ModelManifest m = teacher.manifest();
      DraftShape shape = DraftShape.llamaLike(m.sizes().hidden(), m.sizes().vocab(), m.decoder().kvHeads(),
          m.decoder().headDim(), m.sizes().contextLength());
      if (ffn > 0) {
        shape = new DraftShape(shape.hidden(), shape.vocab(), shape.numHeads(), shape.numKvHeads(), shape.headDim(),
            ffn, shape.ropeTheta(), shape.rmsNormEps(), shape.contextLength());
      }
      SceneConversations data = new SceneConversations(TinyVlm.resolutionMix(), DataSplit.TRAIN, 0, samples);
      CompressorTraining training = compressor ? CompressorTraining.defaults(m.sizes().hidden()) : null;
      OnlineDistiller.Result result = new OnlineDistiller(model, teacher, shape, config, training).run(data, run,
          true, (epoch, folder, stats) -> System.out.printf("epoch %d: feature %.4f, soft CE %.3f, top-1 agreement"
              + " %.3f%s; model folder %s%n", epoch, stats.feature(), stats.logit(), stats.agreement(),
              stats.branches().isEmpty() ? "" : ", branches trained " + stats.branches(), folder));
      if (write && training != null) {
        training.exportTo(model, shape, result.draftWeights(), teacher.lmHead(), config.export());
        System.out.println("wrote the compressor and its draft into " + model);
      } else if (write) {
        ModelFolderExport.writeDraft(model, shape, result.draftWeights(), teacher.lmHead(), config.export());
        System.out.println("wrote the draft into " + model);
      }
    }
  }
}
