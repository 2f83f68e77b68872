package archfixture.base;

/** Breaks "base imports no feature". */
public class LeakyBase {
    public archfixture.fleet.CycleInFleet feature;
}
