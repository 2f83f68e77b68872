package archfixture.history;

/** With fleet.CycleInFleet, breaks "slices are free of cycles". */
public class CycleInHistory {
    public archfixture.fleet.CycleInFleet other;
}
