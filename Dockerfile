# syntax=docker/dockerfile:1
# The web application, built from source. The same image runs as the web front (CLTV_ROLE=web), a job worker
# (CLTV_ROLE=worker) or both (CLTV_ROLE=all, the default); see docker-compose.yml.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so that a code change does not invalidate the package layer.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/CltvDashboard.Domain/CltvDashboard.Domain.csproj src/CltvDashboard.Domain/
COPY src/CltvDashboard.Infrastructure/CltvDashboard.Infrastructure.csproj src/CltvDashboard.Infrastructure/
COPY src/CltvDashboard.Web/CltvDashboard.Web.csproj src/CltvDashboard.Web/
RUN dotnet restore src/CltvDashboard.Web/CltvDashboard.Web.csproj
COPY src/ src/
RUN dotnet publish src/CltvDashboard.Web/CltvDashboard.Web.csproj -c Release --no-restore -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
ENV Urls=http://+:8080 \
    CLTV_DATA_DIR=/data \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
# curl answers the compose file's health check; the base image has no HTTP client.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && mkdir -p /data && chown app:app /data
COPY --from=build /app .
USER app
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["dotnet", "CltvDashboard.Web.dll"]
