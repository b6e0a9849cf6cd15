# Bluezone Wi-Fi portal in a container (deploy/README.md, "Containers").
#   docker build -t bluezone-portal .
#   docker run -d --name portal -p 8080:8080 -p 1812:1812/udp -p 1813:1813/udp --stop-timeout 15 \
#     -v /etc/bluezone-portal:/etc/bluezone-portal:ro -v bluezone-data:/var/lib/bluezone-portal bluezone-portal
# The configuration file is mounted at /etc/bluezone-portal/portal.yaml (start from deploy/portal.sample.yaml:
# data-dir /var/lib/bluezone-portal, pages-dir /opt/bluezone-portal/portal-pages, as in this image).

# ---- build: the jar, with Maven and a JDK
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package

# ---- run: a JRE only
FROM eclipse-temurin:17-jre
RUN groupadd --system bluezone \
    && useradd --system --gid bluezone --home-dir /var/lib/bluezone-portal --shell /usr/sbin/nologin bluezone \
    && install -d -o bluezone -g bluezone -m 0750 /var/lib/bluezone-portal \
    && install -d -m 0755 /etc/bluezone-portal
WORKDIR /opt/bluezone-portal
COPY --from=build /src/target/bluezone-portal.jar ./bluezone-portal.jar
COPY portal-pages ./portal-pages
# the database and portal-secret.key: keep them on a volume, and back both up
VOLUME ["/var/lib/bluezone-portal"]
USER bluezone
EXPOSE 8080/tcp 8443/tcp 1812/udp 1813/udp
# /healthz answers 200 when the portal can count impressions (bash's /dev/tcp: the JRE image has no curl)
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# java is process 1 and gets docker stop's SIGTERM: requests in flight finish, events are committed, exit within 10 s
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-Xmx512m", "-XX:-TieredCompilation", "-jar", "/opt/bluezone-portal/bluezone-portal.jar"]
CMD ["--config", "/etc/bluezone-portal/portal.yaml"]
