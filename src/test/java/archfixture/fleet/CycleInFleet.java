package archfixture.fleet;

/** With history.CycleInHistory, breaks "slices are free of cycles". */
public class CycleInFleet {
    public archfixture.history.CycleInHistory other;
}
