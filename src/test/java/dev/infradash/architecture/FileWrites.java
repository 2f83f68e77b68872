package dev.infradash.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.util.Set;

/** What counts as writing a file, for the rule on which slices may write files. */
final class FileWrites {

    private static final Set<String> FILES_WRITERS = Set.of(
            "write",
            "writeString",
            "move",
            "copy",
            "delete",
            "deleteIfExists",
            "newOutputStream",
            "newBufferedWriter",
            "newByteChannel",
            "createFile",
            "createTempFile");

    static final DescribedPredicate<JavaMethodCall> WRITES_A_FILE = DescribedPredicate.describe(
            "writes a file (Files.write/move/copy/delete..., FileChannel.open)", FileWrites::writes);

    static final DescribedPredicate<JavaConstructorCall> OPENS_A_WRITER = DescribedPredicate.describe(
            "opens a file for writing (FileOutputStream, FileWriter, RandomAccessFile)",
            call -> call.getTargetOwner().isEquivalentTo(FileOutputStream.class)
                    || call.getTargetOwner().isEquivalentTo(FileWriter.class)
                    || call.getTargetOwner().isEquivalentTo(RandomAccessFile.class));

    private FileWrites() {}

    private static boolean writes(JavaCall<?> call) {
        if (call.getTargetOwner().isEquivalentTo(Files.class)) {
            return FILES_WRITERS.contains(call.getName());
        }
        return call.getTargetOwner().isEquivalentTo(FileChannel.class)
                && call.getName().equals("open");
    }
}
