using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace CiAdapter.Silo.Tests.Deploy.Support;

/// <summary>The host environment ASPNETCORE_ENVIRONMENT from the Deployment would give the service.</summary>
internal sealed class ManifestHostEnvironment(string environmentName) : IHostEnvironment
{
    public string EnvironmentName { get; set; } = environmentName;

    public string ApplicationName { get; set; } = "CiAdapter.Silo";

    public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

    public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
}
