(ns app.core-test)
