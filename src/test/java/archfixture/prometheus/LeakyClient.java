package archfixture.prometheus;

/** Breaks "prometheus imports no other slice". */
public class LeakyClient {
    public archfixture.targets.TargetFileStore store;
}
