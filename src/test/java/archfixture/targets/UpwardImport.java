package archfixture.targets;

/** Breaks "slices depend only downwards": targets sits below fleet. */
public class UpwardImport {
    public archfixture.fleet.CycleInFleet above;
}
