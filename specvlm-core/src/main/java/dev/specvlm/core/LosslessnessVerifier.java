package dev.specvlm.core;

import dev.specvlm.FinishReason;
import dev.specvlm.GenerationConfig;
import dev.specvlm.GenerationResult;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.LosslessnessReport;
import dev.specvlm.Prompt;
import dev.specvlm.SpecDecoder;
import dev.specvlm.SpeculationMode;
import dev.specvlm.VerificationSampler;
import dev.specvlm.core.accept.LogitsProcessor;
import dev.specvlm.core.accept.PositionUniforms;
import dev.specvlm.core.accept.TokenDistribution;
import dev.specvlm.core.model.ModelBundle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Runs {@link SpecDecoder#verifyLossless}: each prompt with the speculative configuration and with AR, compared token
 * for token (seed-coupled under sampling); the first divergence is scored by teacher forcing and labelled a numeric
 * tie when the two tokens are within the tolerance (see {@link LosslessnessReport}).
 */
final class LosslessnessVerifier {
  private final SpecDecoder decoder;
  private final ModelBundle bundle;

  LosslessnessVerifier(SpecDecoder decoder, ModelBundle bundle) {
    this.decoder = decoder;
    this.bundle = bundle;
  }

  LosslessnessReport verify(List<Prompt> prompts, GenerationConfig config, double tieTolerance) {
    Objects.requireNonNull(prompts, "prompts");
    Objects.requireNonNull(config, "config");
    if (prompts.isEmpty()) {
      throw new InvalidRequestException("verifyLossless needs at least one prompt");
    }
    if (!(tieTolerance >= 0) || Double.isInfinite(tieTolerance)) {
      throw new InvalidRequestException("tieTolerance must be a finite number >= 0 (logit units), got " + tieTolerance);
    }
    if (config.speculation() == SpeculationMode.AR) {
      throw new InvalidRequestException("verifyLossless compares a speculative mode with AR, but the configuration's "
          + "mode is AR; set GenerationConfig.speculation to DYNAMIC_TREE, STATIC_TREE or CHAIN");
    }
    if (config.isSampling() && config.verificationSampler() != VerificationSampler.COUPLED) {
      throw new InvalidRequestException("verifyLossless compares sampled outputs seed-coupled, which needs "
          + "VerificationSampler.COUPLED; " + config.verificationSampler() + " keeps the distribution but not the "
          + "tokens of a seed (its losslessness is checked statistically by the engine's tests)");
    }
    List<LosslessnessReport.PromptResult> results = new ArrayList<>(prompts.size());
    for (int i = 0; i < prompts.size(); i++) {
      Prompt prompt = Objects.requireNonNull(prompts.get(i), "prompt " + i);
      long seed = config.seed().isPresent() ? config.seed().getAsLong() : i + 1;
      GenerationConfig speculative = config.toBuilder().seed(seed).build();
      GenerationConfig autoregressive = speculative.toBuilder().speculation(SpeculationMode.AR).build();
      GenerationResult ar = decoder.generate(prompt, autoregressive);
      GenerationResult spec = decoder.generate(prompt, speculative);
      results.add(compare(i, prompt, seed, ar, spec, speculative, tieTolerance));
    }
    return new LosslessnessReport(config.speculation(), config.temperature(), tieTolerance, results);
  }

  private LosslessnessReport.PromptResult compare(int index, Prompt prompt, long seed, GenerationResult ar,
      GenerationResult spec, GenerationConfig config, double tolerance) {
    int[] a = ar.tokenIds();
    int[] s = spec.tokenIds();
    int common = Math.min(a.length, s.length);
    int match = 0;
    while (match < common && a[match] == s[match]) {
      match++;
    }
    boolean cut = ar.finishReason() == FinishReason.CANCELLED || spec.finishReason() == FinishReason.CANCELLED;
    LosslessnessReport.@Nullable Divergence divergence = null;
    if (match < common || (match == common && a.length != s.length && !cut)) {
      divergence = score(index, prompt, a, match, match < a.length ? a[match] : -1, match < s.length ? s[match] : -1,
          seed, config, tolerance);
    }
    return new LosslessnessReport.PromptResult(index, seed, a.length, s.length, match, ar.finishReason(),
        spec.finishReason(), spec.stats().meanAcceptedLength(), divergence);
  }

  private LosslessnessReport.Divergence score(int index, Prompt prompt, int[] prefix, int position, int arToken,
      int specToken, long seed, GenerationConfig config, double tolerance) {
    TeacherForcedScorer.Scored row = new TeacherForcedScorer(bundle).score(prompt, prefix, position);
    LogitsProcessor processor = new LogitsProcessor(config, bundle.spec().vocabSize());
    double[] penalised = processor.penalisedLogits(row.logits(), 0, row.context());
    double arLogit = arToken < 0 ? Double.NaN : penalised[arToken];
    double specLogit = specToken < 0 ? Double.NaN : penalised[specToken];
    double arP;
    double specP;
    boolean tie;
    if (!config.isSampling()) {
      double[] p = softmax(penalised);
      arP = arToken < 0 ? Double.NaN : p[arToken];
      specP = specToken < 0 ? Double.NaN : p[specToken];
      tie = arToken >= 0 && specToken >= 0 && Math.abs(arLogit - specLogit) <= tolerance;
    } else {
      TokenDistribution d = processor.process(row.logits(), 0, row.context(), new int[0], 0, row.sequencePosition());
      arP = arToken < 0 ? Double.NaN : d.probability(arToken);
      specP = specToken < 0 ? Double.NaN : d.probability(specToken);
      tie = arToken >= 0 && specToken >= 0
          && distanceToInterval(d, specToken, PositionUniforms.uniform(seed, position))
              <= Math.expm1(2 * tolerance / config.temperature());
    }
    return new LosslessnessReport.Divergence(index, position, arToken, specToken, arP, specP, arLogit, specLogit, tie);
  }

  /** How far the uniform {@code u} lies outside the interval of uniforms that sample {@code token}. */
  private static double distanceToInterval(TokenDistribution d, int token, double u) {
    double low = d.massBefore(token);
    double high = low + d.probability(token);
    return u < low ? low - u : u >= high ? u - high : 0;
  }

  private static double[] softmax(double[] x) {
    double max = Double.NEGATIVE_INFINITY;
    for (double v : x) {
      max = Math.max(max, v);
    }
    double[] p = new double[x.length];
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      p[i] = Math.exp(x[i] - max);
      sum += p[i];
    }
    for (int i = 0; i < x.length; i++) {
      p[i] /= sum;
    }
    return p;
  }
}
