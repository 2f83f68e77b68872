package archfixture.fleet;

import archfixture.targets.TargetFileStore;

/** Breaks "only targets writes the targets file". */
public class TargetsIntruder {
    public void overwrite(TargetFileStore store) {
        store.save();
    }
}
