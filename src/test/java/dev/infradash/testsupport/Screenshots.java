package dev.infradash.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Browser tests save what they see, so the README's pictures come from a real run: they land in
 * target/screenshots, and {@code scripts/update-screenshots.sh} copies them to docs/screenshots.
 */
public final class Screenshots {

    private Screenshots() {}

    public static Path save(WebDriver driver, String name) {
        Path dir = Path.of(System.getProperty("infradash.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
