// The Papers tree as the integration tests walk it (through PaperShelfApi.browse).
import type { PaperTreeProvider, TreeNode } from '../../src/tree/paperTree';

/** The first row of paper `id`: a root in the flat list, else a group's child. */
export async function paperNode(tree: PaperTreeProvider, id: string): Promise<TreeNode> {
  for (const root of await tree.getChildren()) {
    if (root.type === 'paper' && root.paperId === id) return root;
    if (root.type === 'group')
      for (const child of await tree.getChildren(root))
        if (child.type === 'paper' && child.paperId === id) return child;
  }
  throw new Error(`${id} is not in the tree`);
}
