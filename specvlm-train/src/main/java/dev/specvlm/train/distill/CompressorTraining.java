package dev.specvlm.train.distill;

import static com.google.common.base.Preconditions.checkArgument;

import dev.specvlm.core.model.CompressorBranch;
import dev.specvlm.onnx.reference.WriterOptions;
import dev.specvlm.train.export.DraftShape;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the elastic visual compressor is trained jointly with the draft (SpecVLM §3.4–3.5; docs/compressor.md).
 *
 * @param branches the branches in gate order
 * @param weightedRatio r of the weighted mode (prune r, pool r and conv r mixed by a second gate; needs conv r among
 *     the branches), 0 for none
 * @param weightedEvery every this many conversations one trains the weighted mode (0: never); the others train the
 *     select mode
 * @param gumbelTemperature τ of the Gumbel-softmax that samples the select mode's branch
 * @param resamplerHeads heads of the resampler's cross-attention (dividing 2H)
 * @param initStd standard deviation of the random part of the initial weights
 * @param draftFile the file of the jointly trained draft in an exported folder (the folder's {@code draft.onnx}, the
 *     EagleVLM draft, is left as it is)
 */
public record CompressorTraining(List<CompressorBranch> branches, int weightedRatio, int weightedEvery,
    double gumbelTemperature, int resamplerHeads, double initStd, String draftFile) {

  /** The jointly trained draft's default file name. */
  public static final String DRAFT_FILE = "draft-specvlm.onnx";

  /** Validates and copies. */
  public CompressorTraining {
    branches = List.copyOf(branches);
    checkArgument(!branches.isEmpty(), "the compressor needs at least one branch");
    checkArgument(weightedRatio >= 0 && weightedEvery >= 0, "weightedRatio and weightedEvery must be >= 0");
    CompressorBranch conv = weightedRatio > 0 ? new CompressorBranch(CompressorBranch.Kind.CONV, weightedRatio) : null;
    checkArgument(conv == null || branches.contains(conv), "the weighted mode of ratio %s needs a %s branch",
        weightedRatio, conv);
    checkArgument(gumbelTemperature > 0, "gumbelTemperature must be > 0, got %s", gumbelTemperature);
    checkArgument(resamplerHeads > 0, "resamplerHeads must be > 0");
  }

  /**
   * SpecVLM's branches (prune 20, pool 20, conv 3, resampler with 2 queries, text-only), a weighted gate of ratio 3
   * trained on every fourth conversation, Gumbel τ = 1, resampler heads of 64 channels (at least one), init std 0.02.
   *
   * @param hidden H of the target
   */
  public static CompressorTraining defaults(int hidden) {
    List<CompressorBranch> branches = List.of(CompressorBranch.parse("prune20"), CompressorBranch.parse("pool20"),
        CompressorBranch.parse("conv3"), CompressorBranch.parse("resampler2"), CompressorBranch.textOnly());
    int heads = Math.max(1, 2 * hidden / 64);
    while ((2 * hidden) % heads != 0) {
      heads--;
    }
    return new CompressorTraining(branches, 3, 4, 1.0, heads, 0.02, DRAFT_FILE);
  }

  /**
   * Writes a trained compressor into model folder {@code dir}: its jointly trained draft as {@link #draftFile()}, the
   * learned branches and gates as ONNX graphs through the project's writer (float32: the gate's arg max must not
   * move), and the manifest's {@code compressor} section. The folder's own {@code draft.onnx} is left as it is.
   *
   * @param weights {@code draft.*} and {@code compressor.*} by name (e.g. {@link OnlineDistiller.Result#draftWeights()})
   * @param lmHead the target's LM head {@code [V, H]} (the draft file carries a copy)
   * @param draftOptions how the draft graph is written
   */
  public void exportTo(Path dir, DraftShape shape, Map<String, float[]> weights, float[] lmHead,
      WriterOptions draftOptions) {
    CompressorStudent.export(dir, this, shape, weights, lmHead, draftOptions);
  }

  /** Whether conversation {@code index} (counted over the whole run) trains the weighted mode. */
  public boolean weightedAt(long index) {
    return weightedRatio > 0 && weightedEvery > 0 && index % weightedEvery == weightedEvery - 1;
  }
}
