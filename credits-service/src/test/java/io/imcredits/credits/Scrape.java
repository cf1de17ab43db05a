package io.imcredits.credits;

import static io.restassured.RestAssured.given;

import java.util.Arrays;
import java.util.List;

/** One scrape of /q/metrics, read as Prometheus text: samples by name and labels. */
final class Scrape {

    /** A sample line: its name, its labels as written ({@code a="x",b="y"}, empty without) and its value. */
    record Sample(String name, String labels, double value) {

        boolean has(String... labels) {
            return Arrays.stream(labels).allMatch(label -> this.labels.contains(label));
        }
    }

    final List<Sample> samples;

    private Scrape(String text) {
        this.samples = text.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).map(Scrape::sample).toList();
    }

    static Scrape now() {
        return new Scrape(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{'), space = line.lastIndexOf(' ');
        if (brace < 0 || brace > space) return new Sample(line.substring(0, line.indexOf(' ')), "", Double.parseDouble(line.substring(space + 1)));
        int end = line.lastIndexOf('}');
        return new Sample(line.substring(0, brace), line.substring(brace + 1, end), Double.parseDouble(line.substring(space + 1)));
    }

    /** The samples of one name that carry all these labels (each written {@code name="value"}). */
    List<Sample> all(String name, String... labels) {
        return samples.stream().filter(sample -> sample.name().equals(name) && sample.has(labels)).toList();
    }

    /** The value of the one sample of that name with those labels; 0 when there is none yet (a counter not yet counted). */
    double value(String name, String... labels) {
        List<Sample> found = all(name, labels);
        if (found.size() > 1) throw new AssertionError("More than one sample " + name + " with " + Arrays.toString(labels) + ": " + found);
        return found.isEmpty() ? 0 : found.get(0).value();
    }
}
