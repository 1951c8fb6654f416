# The helpdesk as a container image (issue 19). Build: docker build -t cip-helpdesk .
# The build stage runs the same Maven build as CI (the precompute step embeds the knowledge into the jar);
# the image holds only a JRE, the jar, the knowledge folder and the web front end.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY src src
COPY knowledge knowledge
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /app helpdesk && mkdir -p /data && chown helpdesk /data
WORKDIR /app
COPY --from=build /src/target/cip-helpdesk.jar /app/cip-helpdesk.jar
COPY knowledge /app/knowledge
COPY web /app/web
ENV HELPDESK_PORT=7070 \
    HELPDESK_DATA_DIR=/data \
    HELPDESK_KNOWLEDGE_DIR=/app/knowledge \
    HELPDESK_WEB_DIR=/app/web
USER helpdesk
VOLUME /data
EXPOSE 7070
# The README's JVM options: the serial collector and a small initial heap keep the memory low.
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xms64m", "-jar", "/app/cip-helpdesk.jar"]
