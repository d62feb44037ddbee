# syntax=docker/dockerfile:1
# The CI Adapter image: one process, `dotnet CiAdapter.Silo.dll` (ASP.NET Core + Orleans silo),
# HTTP on 8080, silo port 11111, gateway port 30000. Build from the repository root:
#   docker build -t ci-adapter:0.1.0 .
#   docker buildx build --platform linux/amd64,linux/arm64 -t <registry>/ci-adapter:0.1.0 --push .
# test/CiAdapter.Silo.Tests/Deploy runs this file's build stage (its COPY and RUN lines) on every
# test run, so a project the restore layer misses or a changed publish command fails a test.

# The SDK runs on the build machine's own platform and publishes for the target's (-a $TARGETARCH).
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:10.0-noble AS build
ARG TARGETARCH
WORKDIR /build

# Restore in a layer of its own, re-run only when a project file or a package version changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/CiAdapter.Abstractions/CiAdapter.Abstractions.csproj src/CiAdapter.Abstractions/
COPY src/CiAdapter.Grains/CiAdapter.Grains.csproj src/CiAdapter.Grains/
COPY src/CiAdapter.Kafka/CiAdapter.Kafka.csproj src/CiAdapter.Kafka/
COPY src/CiAdapter.Postgres/CiAdapter.Postgres.csproj src/CiAdapter.Postgres/
COPY src/CiAdapter.Simulators/CiAdapter.Simulators.csproj src/CiAdapter.Simulators/
COPY src/CiAdapter.Silo/CiAdapter.Silo.csproj src/CiAdapter.Silo/
RUN dotnet restore src/CiAdapter.Silo -a $TARGETARCH

COPY .editorconfig ./
COPY src/ src/
# Framework-dependent for linux-$TARGETARCH: the output holds Confluent.Kafka's native librdkafka
# for that architecture next to the assemblies. On x64 the default librdkafka.so needs
# libsasl2.so.3, which Ubuntu lacks; Confluent.Kafka then loads centos8-librdkafka.so, which needs
# nothing beyond glibc. The arm64 librdkafka.so needs nothing beyond glibc either.
RUN dotnet publish src/CiAdapter.Silo -c Release -a $TARGETARCH --no-self-contained --no-restore -o /app

# .NET 10 images are Ubuntu 24.04 (noble); there are no Debian images for .NET 10.
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble AS final
WORKDIR /app
COPY --from=build /app .
# ASPNETCORE_HTTP_PORTS is emptied so that the base image's default does not compete with the URL.
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    ASPNETCORE_HTTP_PORTS= \
    DOTNET_NOLOGO=1
EXPOSE 8080 11111 30000
# The numeric UID of the images' non-root `app` user (1654), so that Kubernetes can verify runAsNonRoot.
USER $APP_UID
ENTRYPOINT ["dotnet", "CiAdapter.Silo.dll"]
