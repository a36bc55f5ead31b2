// placeholder replaced by the plugin host implementation (lead engineer)
