package dev.specvlm.core.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.core.accept.AcceptanceResult;
import dev.specvlm.core.accept.GreedyAcceptor;
import dev.specvlm.core.accept.LogitsProcessor;
import dev.specvlm.core.accept.TokenContext;
import dev.specvlm.core.tree.DraftTree;
import org.junit.jupiter.api.Test;

class AcceptanceStatisticsTest {
  private static final int V = 16;

  /**
   * Root with children 5 (rank 0) and 7 (rank 1); 7 has children 9 (rank 0) and 11 (rank 1); 9 has child 3. The
   * target's greedy tokens: 7 after the root, 11 after 7, 2 after 11: the path root → 7 → 11, then the bonus 2.
   */
  private static void acceptOnce(AcceptanceCounts counts) {
    DraftTree tree = new DraftTree(8, 4);
    tree.reset(1);
    tree.add(5, 0); // node 1
    int seven = tree.add(7, 0); // node 2
    int nine = tree.add(9, seven); // node 3
    int eleven = tree.add(11, seven); // node 4
    tree.add(3, nine); // node 5
    tree.finish();
    float[] logits = new float[tree.size() * V]; // [size, V]
    logits[7] = 10; // root row
    logits[seven * V + 11] = 10;
    logits[eleven * V + 2] = 10;
    GenerationConfig greedy = GenerationConfig.builder().temperature(0).build();
    AcceptanceResult result = new AcceptanceResult(4);
    new GreedyAcceptor(new LogitsProcessor(greedy, V), new TokenContext(V)).accept(tree, logits, 10, 0, result);
    assertEquals(2, result.accepted());
    counts.record(tree, result);
  }

  @Test
  void profile_noRounds_isThePrior() {
    AcceptanceStatistics s = new AcceptanceStatistics();
    assertEquals(0, s.rounds());
    AcceptanceProfile prior = AcceptanceProfile.prior();
    for (int d = 0; d < AcceptanceProfile.DEPTHS; d++) {
      for (int r = 0; r < AcceptanceProfile.RANKS; r++) {
        assertEquals(prior.probability(d, r), s.profile().probability(d, r), 1e-12, d + "," + r);
      }
    }
  }

  @Test
  void record_acceptedPath_countsOfferedAndAcceptedByDepthAndRank() {
    AcceptanceCounts counts = new AcceptanceCounts();
    for (int i = 0; i < 1000; i++) {
      acceptOnce(counts);
    }
    assertEquals(1000, counts.rounds());
    AcceptanceStatistics s = new AcceptanceStatistics();
    counts.drainInto(s);
    assertEquals(0, counts.rounds(), "drained");
    assertEquals(1000, s.rounds());
    AcceptanceProfile p = s.profile();
    // depth 0: rank 0 (5) offered 1000×, never accepted; rank 1 (7) always accepted
    assertEquals(0, p.probability(0, 0), 0.02);
    assertEquals(1, p.probability(0, 1), 0.02);
    assertEquals(0, p.probability(0, 2), 0.02, "no mass left below an always-accepted rank");
    // depth 1 (under 7): rank 0 (9) rejected, rank 1 (11) accepted
    assertEquals(0, p.probability(1, 0), 0.02);
    assertEquals(1, p.probability(1, 1), 0.02);
    // depth 2: 11 is a leaf, nothing offered: the estimate follows depth 1
    assertEquals(p.probability(1, 1), p.probability(2, 1), 1e-12);
  }

  @Test
  void profile_fewRounds_staysNearThePrior() {
    AcceptanceCounts counts = new AcceptanceCounts();
    acceptOnce(counts);
    AcceptanceStatistics s = new AcceptanceStatistics();
    counts.drainInto(s);
    double p00 = s.profile().probability(0, 0);
    assertEquals(AcceptanceStatistics.PRIOR_WEIGHT * 0.6 / (1 + AcceptanceStatistics.PRIOR_WEIGHT), p00, 1e-12);
    assertTrue(p00 > 0.5, "one round moves the estimate a little: " + p00);
  }

  @Test
  void of_rowsSummingAboveOne_areScaledDown() {
    double[] p = new double[AcceptanceProfile.DEPTHS * AcceptanceProfile.RANKS];
    p[0] = 0.9;
    p[1] = 0.6;
    AcceptanceProfile a = AcceptanceProfile.of(p);
    assertEquals(0.6, a.probability(0, 0), 1e-12);
    assertEquals(0.4, a.probability(0, 1), 1e-12);
  }
}
