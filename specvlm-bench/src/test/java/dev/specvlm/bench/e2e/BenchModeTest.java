package dev.specvlm.bench.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.specvlm.GenerationConfig;
import dev.specvlm.InvalidRequestException;
import dev.specvlm.SpeculationMode;
import dev.specvlm.TreeBudget;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchModeTest {
  @Test
  void parse_everyForm_givesModeAndBudget() {
    assertEquals(SpeculationMode.AR, BenchMode.parse("AR").mode());
    assertEquals(TreeBudget.of(1, 5, 4), BenchMode.parse("chain-4").budget());
    assertEquals(SpeculationMode.CHAIN, BenchMode.parse("chain-auto").mode());
    assertTrue(BenchMode.parse("chain-auto").budget().isAuto());
    assertEquals(TreeBudget.of(4, 8, 3), BenchMode.parse("static-4/8/3").budget());
    assertEquals(SpeculationMode.STATIC_TREE, BenchMode.parse("static-auto").mode());
    assertEquals(TreeBudget.of(6, 16, 4), BenchMode.parse(" dynamic-6/16/4 ").budget());
    assertEquals(TreeBudget.eagleDefault(), BenchMode.parse("eaglevlm").budget());
    assertTrue(BenchMode.parse("specvlm").compressed());
    assertEquals(9, BenchMode.parseList(BenchMode.DEFAULTS).size());
  }

  @Test
  void configure_setsModeAndBudgetOnly() {
    GenerationConfig base = GenerationConfig.builder().maxNewTokens(7).temperature(0.5).build();
    GenerationConfig c = BenchMode.parse("dynamic-4/8/3").configure(base);
    assertEquals(SpeculationMode.DYNAMIC_TREE, c.speculation());
    assertEquals(TreeBudget.of(4, 8, 3), c.treeBudget());
    assertEquals(7, c.maxNewTokens());
    assertEquals(0.5, c.temperature());
  }

  @Test
  void parse_unknownOrMalformed_listsTheForms() {
    for (String bad : List.of("beam", "chain-x", "dynamic-4/8", "static-0/8/3", "")) {
      InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> BenchMode.parseList(bad));
      assertTrue(e.getMessage().contains("dynamic-K/T/D") || e.getMessage().contains("topK")
          || e.getMessage().contains("no decoding modes"), e.getMessage());
    }
  }
}
