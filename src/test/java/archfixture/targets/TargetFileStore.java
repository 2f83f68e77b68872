package archfixture.targets;

/** The targets file's one writer, in its right place. */
public class TargetFileStore {
    public void save() {}
}
