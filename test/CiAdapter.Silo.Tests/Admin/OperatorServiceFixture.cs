namespace CiAdapter.Silo.Tests.Admin;

/// <summary>One Production service with an admin token, shared by the admin, auth and metrics tests.</summary>
public sealed class OperatorServiceFixture : IAsyncLifetime
{
    public const string AdminToken = "admin-token-7Hq2:Zx9-never-logged";

    private OperatorService? _service;

    public OperatorService Service => _service ?? throw new InvalidOperationException("The service has not started.");

    public async Task InitializeAsync() => _service = await OperatorService.StartAsync(AdminToken);

    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }
}
