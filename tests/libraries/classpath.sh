# The classpath of the original libraries, from Debian's packages (sourced
# by `regenerate`; tests/library_agreement.rs builds the same list).
CLASSPATH=/usr/share/java/data.json.jar:/usr/share/java/cheshire.jar:/usr/share/java/jackson-core.jar:/usr/share/java/jackson-dataformat-cbor.jar:/usr/share/java/jackson-dataformat-smile.jar:/usr/share/java/tigris.jar:/usr/share/java/data.csv.jar:/usr/share/java/tools.cli.jar
export CLASSPATH
