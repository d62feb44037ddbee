using CiAdapter.Silo.Configuration;
using CiAdapter.Silo.Hosting;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddCiAdapter();
    await using var app = builder.Build();
    app.MapCiAdapter();
    await app.RunAsync();
    return Environment.ExitCode;
}
catch (InvalidConfigurationException ex)
{
    foreach (var problem in ex.Problems)
    {
        await Console.Error.WriteLineAsync($"ci-adapter: configuration error: {problem}");
    }

    return 2;
}
