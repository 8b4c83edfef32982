package dev.specvlm.core.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DraftTreeTest {
  /**
   * The hand-worked tree:
   * <pre>
   *   0 (root, 9)
   *   ├── 1 (10) ── 3 (12) ── 5 (14)
   *   │         └── 4 (13)
   *   └── 2 (11) ── 6 (15)
   * </pre>
   */
  static DraftTree handTree() {
    DraftTree t = new DraftTree(8, 4);
    t.reset(9);
    t.add(10, 0);
    t.add(11, 0);
    t.add(12, 1);
    t.add(13, 1);
    t.add(14, 3);
    t.add(15, 2);
    t.finish();
    return t;
  }

  static int[][] maskRows(DraftTree t) {
    int[][] rows = new int[t.size()][];
    for (int r = 0; r < t.size(); r++) {
      List<Integer> cols = new ArrayList<>();
      for (int c = 0; c < t.size(); c++) {
        if (t.mask().visible(r, c)) {
          cols.add(c);
        }
      }
      rows[r] = cols.stream().mapToInt(Integer::intValue).toArray();
    }
    return rows;
  }

  @Test
  void finish_handTree_masksSeeAncestorsAndSelf() {
    assertArrayEquals(new int[][] {{0}, {0, 1}, {0, 2}, {0, 1, 3}, {0, 1, 4}, {0, 1, 3, 5}, {0, 2, 6}},
        maskRows(handTree()));
  }

  @Test
  void positions_handTree_areBasePlusDepth() {
    int[] pos = new int[7];
    handTree().positions(100, pos);
    assertArrayEquals(new int[] {100, 101, 101, 102, 102, 103, 102}, pos);
  }

  @Test
  void retrieve_handTree_rowsAreLexicographicPathsPaddedWithMinusOne() {
    DraftTree t = handTree();
    assertEquals(3, t.leafCount());
    assertEquals(4, t.retrieveWidth());
    int[][] rows = new int[3][4];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        rows[r][c] = t.retrieve(r, c);
      }
    }
    assertArrayEquals(new int[][] {{0, 1, 3, 5}, {0, 1, 4, -1}, {0, 2, 6, -1}}, rows);
  }

  @Test
  void retrieve_laterLeafOnEarlierBranch_isSortedBeforeIt() {
    // leaves in index order are 2 then 3, but the path through 1 sorts first
    DraftTree t = new DraftTree(4, 2);
    t.reset(0);
    t.add(5, 0);
    t.add(6, 0);
    t.add(7, 1);
    t.finish();
    assertArrayEquals(new int[] {0, 1, 3}, new int[] {t.retrieve(0, 0), t.retrieve(0, 1), t.retrieve(0, 2)});
    assertArrayEquals(new int[] {0, 2, -1}, new int[] {t.retrieve(1, 0), t.retrieve(1, 1), t.retrieve(1, 2)});
  }

  @Test
  void childWithToken_findsSiblingsInOrder() {
    DraftTree t = handTree();
    assertEquals(1, t.childWithToken(0, 10));
    assertEquals(2, t.childWithToken(0, 11));
    assertEquals(4, t.childWithToken(1, 13));
    assertEquals(-1, t.childWithToken(1, 14));
    assertEquals(2, t.nextSibling(1));
    assertEquals(-1, t.firstChild(5));
  }

  @Test
  void add_tooDeepOrUnknownParent_throws() {
    DraftTree t = new DraftTree(4, 1);
    t.reset(0);
    t.add(1, 0);
    assertThrows(IllegalArgumentException.class, () -> t.add(2, 1));
    assertThrows(IllegalArgumentException.class, () -> t.add(2, 5));
  }

  @Test
  void mask_beforeFinish_throws() {
    DraftTree t = new DraftTree(2, 1);
    t.reset(0);
    t.add(1, 0);
    assertThrows(IllegalStateException.class, t::mask);
  }
}
