from django.urls import path

from kolokol.seo import views

# Before Wagtail's catch-all. Page slugs cannot contain a dot, so none of
# these can shadow a page.
urlpatterns = [
    path("robots.txt", views.robots, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("<str:service>/sitemap.xml", views.service_sitemap, name="service_sitemap"),
    path(
        "<str:service>/sitemap-<int:number>.xml",
        views.service_sitemap_page,
        name="service_sitemap_page",
    ),
    path("<str:service>/news-sitemap.xml", views.news_sitemap, name="news_sitemap"),
    path("<str:service>/sitemap-topics.xml", views.topics_sitemap, name="topics_sitemap"),
]
