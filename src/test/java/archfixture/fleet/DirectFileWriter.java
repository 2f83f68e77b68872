package archfixture.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Breaks "only the slices that own files write files": fleet owns none. */
public class DirectFileWriter {
    public void write(Path file) throws IOException {
        Files.writeString(file, "half-written on a crash");
    }
}
